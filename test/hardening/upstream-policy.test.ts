// The upstream policy over real HTTP to the emulator: the deadline is never crossed, the last cause
// Glue gave is reported, the retry budget caps retries, and the circuit breaker opens, half-opens and
// closes, with /readyz following it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const QUERY = `query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { taskRunId status } }`;
const keysOf = (ids: string[]) => ids.map((taskRunId) => ({ transformId: T, taskRunId }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('deadline and cause', () => {
  let stack: Stack;
  let runs: string[];
  beforeAll(async () => {
    stack = await startStack({
      env: { GLUE_TIMEOUT_MS: '600', GLUE_MAX_ATTEMPTS: '6', GLUE_BREAKER_MIN_RPS: '100000' },
    });
    runs = stack.emulator.store.seedBulk(T, 10);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.faults.clear();
    stack.emulator.stats.reset();
  });

  it('when the deadline cuts a call Glue already answered, the client gets that answer, not UPSTREAM_TIMEOUT', async () => {
    // A 500, then the retry hangs until the deadline.
    stack.emulator.faults.add({ effect: 'InternalServiceException', ids: [runs[0]!], times: 1 });
    stack.emulator.faults.add({ effect: 'hang', ids: [runs[0]!] });
    const res = await stack.query(QUERY, { keys: keysOf([runs[0]!, runs[1]!]) });
    expect(res.data.mlTaskRuns[1]).not.toBeNull();
    expect(res.errors).toHaveLength(1);
    const ext = res.errors![0]!.extensions!;
    expect(ext.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(ext.retryable).toBe(true);
    expect(ext.retryAfterMs).toBeGreaterThan(0);
    expect(ext.glue.exception).toBe('InternalServiceException');
    expect(ext.glue.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(3);
  });

  it('only a call Glue never answered is UPSTREAM_TIMEOUT', async () => {
    stack.emulator.faults.add({ effect: 'hang', ids: [runs[2]!] });
    const res = await stack.query(QUERY, { keys: keysOf([runs[2]!]) });
    expect(res.errors![0]!.extensions!.code).toBe('UPSTREAM_TIMEOUT');
    expect(res.errors![0]!.extensions!.glue).toBeUndefined();
  });

  it('never starts a backoff that would end past the deadline: throttling answers as throttling, at once', async () => {
    // Throttling backoff starts near 1 s, past the 600 ms deadline most of the time: such a retry is refused
    // and the throttle itself is the answer. Five runs, so refusal happens whatever the jitter draws.
    const throttled = runs.slice(3, 8);
    stack.emulator.faults.add({ effect: 'ThrottlingException', ids: throttled });
    const answers = await Promise.all(throttled.map((id) => stack.query(QUERY, { keys: keysOf([id]) })));
    for (const res of answers) {
      const ext = res.errors![0]!.extensions!;
      expect(ext.code).toBe('UPSTREAM_THROTTLED');
      expect(ext.glue.exception).toBe('ThrottlingException');
      expect(ext.retryAfterMs).toBeGreaterThan(0);
    }
    const refused = await stack.app.metrics.retriesRefused.get();
    const byDeadline = refused.values.filter((v) => v.labels.reason === 'deadline').reduce((n, v) => n + v.value, 0);
    expect(byDeadline).toBeGreaterThan(0);
  });
});

describe('retry budget', () => {
  let stack: Stack;
  let runs: string[];
  beforeAll(async () => {
    // The breaker is kept out of the way (it would stop the calls itself).
    stack = await startStack({ env: { GLUE_MAX_ATTEMPTS: '3', GLUE_RETRY_BUDGET_PERCENT: '20', GLUE_BREAKER_MIN_RPS: '100000' } });
    runs = stack.emulator.store.seedBulk(T, 60);
  });
  afterAll(() => stack.close());

  it('during an outage, retries stay within 20% of first attempts (plus a floor of 1/s over the 10 s window)', async () => {
    stack.emulator.faults.add({ effect: 'InternalServiceException', operation: 'GetMLTaskRun' });
    stack.emulator.stats.reset();
    const res = await stack.query(QUERY, { keys: keysOf(runs) });
    expect(res.errors).toHaveLength(60);
    for (const e of res.errors!) expect(e.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    // Without the budget: 60 × 3 = 180 calls.
    const calls = stack.emulator.stats.calls.GetMLTaskRun!;
    expect(calls).toBeGreaterThanOrEqual(60);
    expect(calls).toBeLessThanOrEqual(60 + 0.2 * 60 + 10);
    const refused = await stack.app.metrics.retriesRefused.get();
    expect(refused.values.some((v) => v.labels.reason === 'budget' && v.value > 0)).toBe(true);
  });
});

describe('circuit breaker', () => {
  let stack: Stack;
  const readyz = () => fetch(new URL('/readyz', stack.url));
  const circuit = async () => (await stack.app.metrics.circuitState.get()).values[0]!.value;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        GLUE_MAX_ATTEMPTS: '1',
        GLUE_BREAKER_MIN_RPS: '1',
        GLUE_BREAKER_WINDOW_MS: '5000',
        GLUE_BREAKER_COOLDOWN_MS: '800',
        READINESS_CACHE_MS: '0',
      },
    });
  });
  afterAll(() => stack.close());

  it('opens when most calls fail, fails fast without calling Glue, and /readyz is 503', async () => {
    stack.emulator.faults.add({ effect: 'InternalServiceException' });
    const run = { transformId: T, taskRunId: DEMO.runs.succeededFindMatches };
    // Enough failing calls for the sampling window (1/s over 5 s).
    for (let i = 0; i < 8 && (await circuit()) !== 2; i++) await stack.query(QUERY, { keys: [run] });
    expect(await circuit()).toBe(2);
    stack.emulator.stats.reset();
    const res = await stack.query(QUERY, { keys: [run] });
    const ext = res.errors![0]!.extensions!;
    expect(ext.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(ext.retryable).toBe(true);
    expect(ext.retryAfterMs).toBeGreaterThan(0);
    expect(ext.retryAfterMs).toBeLessThanOrEqual(800);
    expect(ext.glue).toBeUndefined();
    expect(stack.emulator.stats.total).toBe(0);
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', reason: 'Glue: circuit open' });
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('after the cool-down lets one probe through (half-open); a failed probe opens it again', async () => {
    await sleep(900);
    stack.emulator.stats.reset();
    const run = { transformId: T, taskRunId: DEMO.runs.succeededFindMatches };
    await stack.query(QUERY, { keys: [run] });
    expect(stack.emulator.stats.total).toBe(1);
    expect(await circuit()).toBe(2);
    await stack.query(QUERY, { keys: [run] });
    expect(stack.emulator.stats.total).toBe(1);
  });

  it('a successful probe closes it: answers and /readyz come back', async () => {
    stack.emulator.faults.clear();
    await sleep(900);
    // /readyz itself is the probe when no traffic comes, so an idle instance recovers too.
    expect((await readyz()).status).toBe(200);
    expect(await circuit()).toBe(0);
    const res = await stack.query(QUERY, { keys: [{ transformId: T, taskRunId: DEMO.runs.succeededFindMatches }] });
    expect(res.errors).toBeUndefined();
  });
});

describe('concurrency slots', () => {
  let stack: Stack;
  let runs: string[];
  beforeAll(async () => {
    stack = await startStack({
      emulator: { latencyMs: 100 },
      env: { GLUE_MAX_CONCURRENCY: '1', GLUE_MAX_ATTEMPTS: '3', GLUE_BREAKER_MIN_RPS: '100000' },
    });
    runs = stack.emulator.store.seedBulk(T, 2);
  });
  afterAll(() => stack.close());

  it('a call waiting out a backoff holds no slot: the next call goes through meanwhile', async () => {
    // One slot. A is throttled once, so it backs off before its retry; B asks while A's first attempt is in flight.
    const [a, b] = runs as [string, string];
    stack.emulator.faults.add({ effect: 'ThrottlingException', ids: [a], times: 1 });
    const order: string[] = [];
    const ask = (id: string) => stack.query(QUERY, { keys: keysOf([id]) }).then((res) => (order.push(id), res));
    const first = ask(a);
    await sleep(30);
    const second = ask(b);
    const [resA, resB] = await Promise.all([first, second]);
    expect(resA.errors).toBeUndefined();
    expect(resB.errors).toBeUndefined();
    // Were the slot held through A's backoff, B could only start after A's retry finished.
    expect(order).toEqual([b, a]);
  });

  it("the oldest request's calls get the slot first: a request's second round of calls does not queue behind later requests", async () => {
    // P needs two rounds (GetMLTransform, then GetMLTaskRuns); X, Y and Z one GetMLTaskRun each, all
    // asked while P's first call holds the slot. X takes the slot P's first call frees (P's second
    // round is not asked yet); then P's second round goes before Y and Z, which were queued before it.
    const PAGE = `query ($t: ID!) { mlTransform(transformId: $t) { name taskRuns(first: 2) { edges { node { id status } } } } }`;
    // Running runs never fetched before: no cache can answer them.
    const fresh = [0, 1, 2].map(() => stack.emulator.store.putTaskRun({ TransformId: T, Status: 'RUNNING', StartedOn: new Date(), LastModifiedOn: new Date() }));
    const order: string[] = [];
    const page = stack.query(PAGE, { t: T }).then((res) => (order.push('P'), res));
    await sleep(30);
    const singles = ['X', 'Y', 'Z'].map((name, i) => stack.query(QUERY, { keys: keysOf([fresh[i]!]) }).then((res) => (order.push(name), res)));
    const [resP, ...resSingles] = await Promise.all([page, ...singles]);
    expect(resP.errors).toBeUndefined();
    expect(resP.data.mlTransform.taskRuns.edges.length).toBeGreaterThan(0);
    for (const res of resSingles) expect(res.errors).toBeUndefined();
    // First come, first served would finish P last: ['X', 'Y', 'Z', 'P'].
    expect(order).toEqual(['X', 'P', 'Y', 'Z']);
  });
});
