// Cross-request caching over real HTTP against the emulator: what is cached, what never is, for how
// long, how many, and how concurrent requests share one call.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const RUN = `query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id taskRunId status startedOn completedOn executionTime errorString properties { __typename } } }`;
const calls = (stack: Stack) => stack.emulator.stats.calls.GetMLTaskRun ?? 0;

describe('finished runs are cached across requests; unfinished runs never are', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it.each([
    ['SUCCEEDED', DEMO.runs.succeededFindMatches],
    ['FAILED', DEMO.runs.failedImportLabels],
    ['STOPPED', DEMO.runs.stoppedLabelingSetGeneration],
    ['TIMEOUT', DEMO.runs.timeoutFindMatches],
  ])('a %s run costs one Glue call, then is served identically from the cache', async (status, r) => {
    const first = await stack.query(RUN, { t: T, r });
    expect(first.errors).toBeUndefined();
    expect(first.data.mlTaskRun.status).toBe(status);
    const again = await Promise.all([stack.query(RUN, { t: T, r }), stack.query(RUN, { t: T, r })]);
    expect(again.map((res) => res.data)).toEqual([first.data, first.data]);
    expect(calls(stack)).toBe(1);
  });

  it.each([
    ['RUNNING', DEMO.runs.runningFindMatches],
    ['STARTING', DEMO.runs.startingEvaluation],
    ['STOPPING', DEMO.runs.stoppingExportLabels],
  ])('a %s run is fetched from Glue on every request', async (status, r) => {
    for (let i = 0; i < 3; i++) expect((await stack.query(RUN, { t: T, r })).data.mlTaskRun.status).toBe(status);
    expect(calls(stack)).toBe(3);
  });

  it('a running run is never stale: the request after it finishes sees it finished, and only then is it cached', async () => {
    const r = stack.emulator.store.putTaskRun({ TransformId: T, Status: 'RUNNING', StartedOn: new Date('2024-05-01T08:00:00Z') });
    expect((await stack.query(RUN, { t: T, r })).data.mlTaskRun.status).toBe('RUNNING');
    stack.emulator.store.putTaskRun({
      TransformId: T,
      TaskRunId: r,
      Status: 'SUCCEEDED',
      StartedOn: new Date('2024-05-01T08:00:00Z'),
      CompletedOn: new Date('2024-05-01T08:01:40Z'),
      ExecutionTime: 100,
    });
    const finished = await stack.query(RUN, { t: T, r });
    expect(finished.data.mlTaskRun).toMatchObject({ status: 'SUCCEEDED', completedOn: '2024-05-01T08:01:40.000Z', executionTime: 100 });
    expect((await stack.query(RUN, { t: T, r })).data).toEqual(finished.data);
    expect(calls(stack)).toBe(2);
  });

  it('an error is never cached: a run that was not found is found once it exists', async () => {
    const r = 'tskr-cache-later';
    expect((await stack.query(RUN, { t: T, r })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    stack.emulator.store.putTaskRun({ TransformId: T, TaskRunId: r, Status: 'SUCCEEDED' });
    expect((await stack.query(RUN, { t: T, r })).data.mlTaskRun.status).toBe('SUCCEEDED');
    expect(calls(stack)).toBe(2);
  });

  it('a cached run and a fresh one mix in one operation: only the fresh one costs a call', async () => {
    const [a, b] = stack.emulator.store.seedBulk(DEMO.transforms.products, 2) as [string, string];
    await stack.query(RUN, { t: DEMO.transforms.products, r: a });
    stack.emulator.stats.reset();
    const res = await stack.query(`query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { taskRunId } }`, {
      keys: [a, b, a].map((taskRunId) => ({ transformId: DEMO.transforms.products, taskRunId })),
    });
    expect(res.data.mlTaskRuns.map((x: { taskRunId: string }) => x.taskRunId)).toEqual([a, b, a]);
    expect(calls(stack)).toBe(1);
  });
});

describe('CACHE_FINISHED_TTL_SECONDS and CACHE_FINISHED_MAX_ENTRIES', () => {
  let stack: Stack;
  let runs: string[];
  beforeAll(async () => {
    // The response cache (a layer above, tested in response-cache.test.ts) would answer the repeats.
    stack = await startStack({ env: { CACHE_FINISHED_TTL_SECONDS: '1', CACHE_FINISHED_MAX_ENTRIES: '3', RESPONSE_CACHE_ENABLED: 'false' } });
    runs = stack.emulator.store.seedBulk(DEMO.transforms.products, 5);
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it('an entry expires after its TTL and the next request calls Glue again', async () => {
    const r = runs[0]!;
    await stack.query(RUN, { t: DEMO.transforms.products, r });
    await stack.query(RUN, { t: DEMO.transforms.products, r });
    expect(calls(stack)).toBe(1);
    await sleep(1_200);
    await stack.query(RUN, { t: DEMO.transforms.products, r });
    expect(calls(stack)).toBe(2);
  });

  it('holds at most MAX_ENTRIES runs, evicting the least recently used', async () => {
    const [a, b, c, d] = runs.slice(1) as [string, string, string, string];
    const get = (r: string) => stack.query(RUN, { t: DEMO.transforms.products, r });
    for (const r of [a, b, c]) await get(r);
    await get(a); // a is now the most recently used; b the least
    expect(calls(stack)).toBe(3);
    await get(d); // a fourth entry evicts b
    expect(calls(stack)).toBe(4);
    await get(a);
    await get(c);
    await get(d);
    expect(calls(stack)).toBe(4);
    await get(b);
    expect(calls(stack)).toBe(5);
  });
});

describe('concurrent requests for one run share one in-flight call', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Long enough that every concurrent request arrives while the first call is still in flight.
    // Stale-if-error off: this is about the shared call's error itself (a run seen before would be answered stale).
    stack = await startStack({ emulator: { latencyMs: 400 }, env: { GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard', CACHE_STALE_IF_ERROR_SECONDS: '0' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.stats.reset();
    stack.emulator.faults.clear();
  });

  const poll = (n: number, r: string) => Promise.all(Array.from({ length: n }, () => stack.query(RUN, { t: T, r })));

  it('20 clients polling the same running run cost one GetMLTaskRun call', async () => {
    const results = await poll(20, DEMO.runs.runningFindMatches);
    expect(results.every((res) => res.errors === undefined && res.data.mlTaskRun.status === 'RUNNING')).toBe(true);
    expect(calls(stack)).toBe(1);
    expect(stack.emulator.stats.peakConcurrent).toBe(1);
  });

  it('the shared call\'s error reaches every waiter, and is not remembered', async () => {
    stack.emulator.faults.add({ effect: 'InternalServiceException', ids: [DEMO.runs.runningFindMatches], times: 1 });
    const results = await poll(10, DEMO.runs.runningFindMatches);
    for (const res of results) {
      expect(res.data).toEqual({ mlTaskRun: null });
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    }
    expect(calls(stack)).toBe(1);
    const after = await stack.query(RUN, { t: T, r: DEMO.runs.runningFindMatches });
    expect(after.errors).toBeUndefined();
    expect(calls(stack)).toBe(2);
  });
});
