// The full-response cache over real HTTP against the emulator: a repeated finished-run query skips
// execution (x-cache: HIT, no loader, no Glue call); unfinished runs, errors and warnings are never
// stored; variables and principals are part of the key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isStorable } from '../../src/cache/response-cache.js';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const RUN = 'query Run($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id status completedOn } }';
const LIST = 'query Runs($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { id status } }';
const calls = (stack: Stack) => stack.emulator.stats.calls.GetMLTaskRun ?? 0;

async function post(stack: Stack, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { xCache: res.headers.get('x-cache'), cacheControl: res.headers.get('cache-control'), status: res.status, body: (await res.json()) as any };
}

const metric = async (stack: Stack, result: 'hit' | 'miss') => {
  const text = await (await fetch(new URL('/metrics', stack.url))).text();
  return Number(new RegExp(`^gateway_response_cache_requests_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
};

describe('the full-response cache', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Running runs get a max-age too, so only the gateway's own rule keeps them out of the cache.
    stack = await startStack({ env: { CACHE_IN_PROGRESS_MAX_AGE: '5' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it('answers a repeated finished-run query from the cache, identically and without executing it', async () => {
    const vars = { t: T, r: DEMO.runs.succeededFindMatches };
    const first = await post(stack, RUN, vars);
    expect(first.xCache).toBe('MISS');
    expect(first.body.data.mlTaskRun.status).toBe('SUCCEEDED');
    const hitsBefore = await metric(stack, 'hit');
    const again = await post(stack, RUN, vars);
    expect(again).toEqual({ ...first, xCache: 'HIT' });
    expect(again.cacheControl).toBe('max-age=300, public');
    expect(calls(stack)).toBe(1);
    expect(await metric(stack, 'hit')).toBe(hitsBefore + 1);
    // The finished-run cache below was never asked: execution was skipped.
    const text = await (await fetch(new URL('/metrics', stack.url))).text();
    expect(text).not.toMatch(/^gateway_finished_run_cache_requests_total\{result="hit"\}/m);
  });

  it('keys on the variables: another run is a miss', async () => {
    await post(stack, RUN, { t: T, r: DEMO.runs.failedImportLabels });
    const other = await post(stack, RUN, { t: T, r: DEMO.runs.timeoutFindMatches });
    expect(other.xCache).toBe('MISS');
    expect(other.body.data.mlTaskRun.status).toBe('TIMEOUT');
  });

  it('never stores a response with an unfinished run, even when its cache policy allows it', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await post(stack, LIST, { keys: [{ transformId: T, taskRunId: DEMO.runs.succeededEvaluation }, { transformId: T, taskRunId: DEMO.runs.runningFindMatches }] });
      expect(res.xCache).toBe('MISS');
      expect(res.cacheControl).toBe('max-age=5, public');
    }
    expect(calls(stack)).toBe(4); // the running run each time; the finished one once (finished-run cache)
  });

  it('never stores a response with errors', async () => {
    const keys = [{ transformId: T, taskRunId: DEMO.runs.succeededEvaluation }, { transformId: T, taskRunId: 'tfr-0000000000000000000000000000missing' }];
    for (let i = 0; i < 2; i++) {
      const res = await post(stack, LIST, { keys });
      expect(res.body.errors?.length).toBe(1);
      expect(res.xCache).toBe('MISS');
    }
  });

  it('answers MISS for operations it never stores (no cache hint: a transform)', async () => {
    const q = 'query T($t: ID!) { mlTransform(transformId: $t) { name } }';
    expect((await post(stack, q, { t: T })).xCache).toBe('MISS');
    expect((await post(stack, q, { t: T })).xCache).toBe('MISS');
  });
});

describe('with authentication on, the cache is per principal', () => {
  const KEYS = ['key-a-0123456789abcdef', 'key-b-0123456789abcdef'];
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { AUTH_API_KEYS: KEYS.join(',') } });
  });
  afterAll(() => stack.close());

  it('serves a principal its own stored response only', async () => {
    const vars = { t: T, r: DEMO.runs.succeededFindMatches };
    const [a, b] = KEYS.map((key) => ({ 'x-api-key': key }));
    expect((await post(stack, RUN, vars, a)).xCache).toBe('MISS');
    const hit = await post(stack, RUN, vars, a);
    expect(hit.xCache).toBe('HIT');
    expect(hit.cacheControl).toBe('max-age=300, private');
    expect((await post(stack, RUN, vars, b)).xCache).toBe('MISS');
    expect((await post(stack, RUN, vars, b)).xCache).toBe('HIT');
  });
});

describe('RESPONSE_CACHE_ENABLED=false', () => {
  it('executes every request', async () => {
    const stack = await startStack({ env: { RESPONSE_CACHE_ENABLED: 'false' } });
    try {
      const vars = { t: T, r: DEMO.runs.succeededFindMatches };
      await post(stack, RUN, vars);
      const again = await post(stack, RUN, vars);
      expect(again.xCache).toBeNull();
      expect(await metric(stack, 'hit')).toBe(0);
    } finally {
      await stack.close();
    }
  });
});

describe('isStorable', () => {
  const single = (singleResult: Record<string, unknown>) => ({ body: { kind: 'single', singleResult }, http: {} }) as any;
  const ctx = (unfinishedRun = false) => ({ responseCache: { unfinishedRun } }) as any;

  it('stores data without errors or warnings, made only of finished runs', () => {
    expect(isStorable({ contextValue: ctx(), response: single({ data: { x: 1 } }) })).toBe(true);
    expect(isStorable({ contextValue: ctx(), response: single({ data: { x: 1 }, extensions: { other: true } }) })).toBe(true);
  });

  it('refuses warnings (stale data), errors and unfinished runs', () => {
    const stale = { data: { x: 1 }, extensions: { warnings: [{ code: 'STALE', message: 'served from cache' }] } };
    expect(isStorable({ contextValue: ctx(), response: single(stale) })).toBe(false);
    expect(isStorable({ contextValue: ctx(), response: single({ data: { x: 1 }, errors: [{ message: 'x' }] }) })).toBe(false);
    expect(isStorable({ contextValue: ctx(true), response: single({ data: { x: 1 } }) })).toBe(false);
  });
});
