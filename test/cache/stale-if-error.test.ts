// Stale-if-error over real HTTP: a run seen before is answered from its last known state, marked
// stale with a warning and `no-store`, only when refreshing it fails with a retryable upstream error.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { get } from '../helpers/http.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const RUNNING = DEMO.runs.runningFindMatches;
const OTHER = DEMO.runs.startingEvaluation;
const RUNS = `query Runs($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { taskRunId status fetchedAt stale } }`;
const keysOf = (...runs: string[]) => runs.map((taskRunId) => ({ transformId: T, taskRunId }));
// The breaker is kept out of the way: these tests are about single failures.
const ENV = { GLUE_MAX_ATTEMPTS: '1', GLUE_BREAKER_MIN_RPS: '100000', CACHE_IN_PROGRESS_MAX_AGE: '30' };

describe('stale-if-error', () => {
  let stack: Stack;
  let off: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: ENV });
    off = await startStack({ env: { ...ENV, CACHE_STALE_IF_ERROR_SECONDS: '0' } });
  });
  afterAll(async () => {
    await stack.close();
    await off.close();
  });
  beforeEach(() => {
    stack.emulator.faults.clear();
    off.emulator.faults.clear();
  });

  it('a fresh answer says when Glue returned it and is not stale', async () => {
    const before = Date.now();
    const res = await stack.query(RUNS, { keys: keysOf(RUNNING) });
    expect(res.errors).toBeUndefined();
    const [run] = res.data.mlTaskRuns;
    expect(run.stale).toBe(false);
    expect(Date.parse(run.fetchedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it.each(['InternalServiceException', 'ThrottlingException', 'OperationTimeoutException', 'drop'] as const)(
    'after %s, a run seen before is its last known state, stale, with a warning, and no-store',
    async (effect) => {
      const first = await stack.query(RUNS, { keys: keysOf(RUNNING, OTHER) });
      const seen = first.data.mlTaskRuns[0];
      stack.emulator.faults.add({ effect, ids: [RUNNING] });
      const res = await get(stack.url, { query: RUNS, variables: { keys: keysOf(RUNNING, OTHER) } });
      const body = (await res.json()) as any;
      expect(body.errors).toBeUndefined();
      expect(body.data.mlTaskRuns[0]).toEqual({ ...seen, stale: true });
      // Its neighbour was refreshed normally.
      expect(body.data.mlTaskRuns[1].stale).toBe(false);
      expect(body.extensions.warnings).toEqual([{ code: 'STALE', path: ['mlTaskRuns', 0], fetchedAt: seen.fetchedAt }]);
      expect(res.headers.get('cache-control')).toBe('no-store');
    },
  );

  it('warns even when the client did not select `stale`', async () => {
    await stack.query(RUNS, { keys: keysOf(RUNNING) });
    stack.emulator.faults.add({ effect: 'InternalServiceException', ids: [RUNNING] });
    const res = await stack.query(`query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { status } }`, { t: T, r: RUNNING });
    expect(res.data.mlTaskRun.status).toBe('RUNNING');
    expect((res as any).extensions.warnings).toMatchObject([{ code: 'STALE', path: ['mlTaskRun'] }]);
  });

  it('non-retryable errors are never papered over', async () => {
    await stack.query(RUNS, { keys: keysOf(RUNNING) });
    stack.emulator.faults.add({ effect: 'AccessDeniedException', ids: [RUNNING] });
    const res = await stack.query(RUNS, { keys: keysOf(RUNNING) });
    expect(res.data.mlTaskRuns).toEqual([null]);
    expect(res.errors![0]!.extensions!.code).toBe('UPSTREAM_ACCESS_DENIED');
    expect((res as any).extensions?.warnings).toBeUndefined();
  });

  it('a run never seen before gets the error, with retryAfterMs', async () => {
    const [fresh] = stack.emulator.store.seedBulk(DEMO.transforms.products, 1);
    stack.emulator.faults.add({ effect: 'InternalServiceException', ids: [fresh!] });
    const res = await stack.query(RUNS, { keys: [{ transformId: DEMO.transforms.products, taskRunId: fresh }] });
    expect(res.data.mlTaskRuns).toEqual([null]);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true, retryAfterMs: expect.any(Number) });
  });

  it('CACHE_STALE_IF_ERROR_SECONDS=0 turns it off', async () => {
    await off.query(RUNS, { keys: keysOf(RUNNING) });
    off.emulator.faults.add({ effect: 'InternalServiceException', ids: [RUNNING] });
    const res = await off.query(RUNS, { keys: keysOf(RUNNING) });
    expect(res.data.mlTaskRuns).toEqual([null]);
    expect(res.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});
