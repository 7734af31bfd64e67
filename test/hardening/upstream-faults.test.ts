import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const QUERY = `query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { taskRunId status } }`;

describe('a flaky upstream under load', () => {
  let stack: Stack;
  let runs: string[];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    stack = await startStack({
      emulator: { latencyMs: 5, randomSeed: 7 },
      env: { GLUE_RETRY_MODE: 'adaptive', GLUE_MAX_ATTEMPTS: '5', GLUE_TIMEOUT_MS: '20000', GLUE_MAX_CONCURRENCY: '10' },
    });
    runs = stack.emulator.store.seedBulk(T, 40);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await stack.close();
  });
  beforeEach(() => {
    stack.emulator.faults.clear();
    stack.emulator.stats.reset();
  });

  it('absorbs a throttling burst with the SDK adaptive retry: every run resolves, nothing is lost', async () => {
    // The first 6 GetMLTaskRun calls are throttled, whichever runs they are for.
    stack.emulator.faults.add({ effect: 'ThrottlingException', operation: 'GetMLTaskRun', times: 6 });
    const keys = runs.slice(0, 20).map((taskRunId) => ({ transformId: T, taskRunId }));
    const res = await stack.query(QUERY, { keys });
    expect(res.errors).toBeUndefined();
    expect(res.data.mlTaskRuns.map((r: { taskRunId: string }) => r.taskRunId)).toEqual(runs.slice(0, 20));
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(26);
  });


  // Throttling is left out here: the adaptive limiter's back-off after it is covered above and takes seconds.
  it('answers every one of 60 concurrent requests under 9% mixed faults, never with a 5xx, never crashing', async () => {
    for (const effect of ['InternalServiceException', 'drop', 'OperationTimeoutException'] as const) {
      stack.emulator.faults.add({ effect, operation: 'GetMLTaskRun', rate: 0.03 });
    }
    const requests = Array.from({ length: 60 }, (_, i) =>
      fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { keys: [runs[i % 40], runs[(i + 7) % 40]].map((taskRunId) => ({ transformId: T, taskRunId })) } }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data: { mlTaskRuns: unknown[] }; errors?: Array<{ extensions: { code: string } }> } })),
    );
    const answers = await Promise.all(requests);
    expect(answers).toHaveLength(60);
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body.data.mlTaskRuns).toHaveLength(2);
      for (const e of body.errors ?? []) expect(e.extensions.code).toMatch(/^UPSTREAM_(UNAVAILABLE|THROTTLED|TIMEOUT)$/);
    }
    // Still serving correctly afterwards.
    stack.emulator.faults.clear();
    const after = await stack.query(QUERY, { keys: [{ transformId: T, taskRunId: runs[0] }] });
    expect(after.errors).toBeUndefined();
    expect(rejections).toEqual([]);
  }, 60_000);
});

describe('retries exhausted', () => {
  // A stack of its own: the adaptive limiter of a client that has seen throttling slows every later call.
  let stack: Stack;
  let runs: string[];
  beforeAll(async () => {
    stack = await startStack({ env: { GLUE_RETRY_MODE: 'adaptive', GLUE_MAX_ATTEMPTS: '3', GLUE_TIMEOUT_MS: '60000' } });
    runs = stack.emulator.store.seedBulk(T, 6);
  });
  afterAll(() => stack.close());

  it('only runs that exhaust the retries get UPSTREAM_THROTTLED; their neighbours resolve', async () => {
    const always = runs.slice(0, 2);
    stack.emulator.faults.add({ effect: 'ThrottlingException', ids: always });
    const keys = runs.map((taskRunId) => ({ transformId: T, taskRunId }));
    const res = await stack.query(QUERY, { keys });
    expect(res.data.mlTaskRuns.slice(2).every((r: unknown) => r !== null)).toBe(true);
    expect(res.data.mlTaskRuns.slice(0, 2)).toEqual([null, null]);
    expect(res.errors!.map((e) => [e.path, e.extensions!.code]).sort()).toEqual([
      [['mlTaskRuns', 0], 'UPSTREAM_THROTTLED'],
      [['mlTaskRuns', 1], 'UPSTREAM_THROTTLED'],
    ]);
    // Three attempts each for the throttled runs, one for each neighbour.
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(2 * 3 + 4);
  }, 90_000);
});
