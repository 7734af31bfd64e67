import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, type FaultRule } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const OK = DEMO.runs.succeededFindMatches;
const BAD = DEMO.runs.succeededImportLabels;
const QUERY = `query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { taskRunId status } }`;
const keys = [{ transformId: T, taskRunId: OK }, { transformId: T, taskRunId: BAD }];

/** Nothing internal may reach a client for upstream failures. */
function expectNoInternals(body: unknown, endpoint: string) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/stacktrace|at .*\.(ts|js):\d+|Signature=|Credential=|AKIA|secretAccessKey/);
  expect(text).not.toContain(new URL(endpoint).host);
}

describe('Glue failures become coded GraphQL errors, over real HTTP', () => {
  let stack: Stack;
  beforeAll(async () => {
    // One attempt, standard mode: each fault maps straight to its code (adaptive mode would slow every call
    // after a throttle; retries are tested below). A short deadline for 'hang'.
    stack = await startStack({ env: { GLUE_TIMEOUT_MS: '400', GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.faults.clear();
    stack.emulator.stats.reset();
  });

  it.each<[FaultRule['effect'], string, boolean, string | undefined]>([
    ['ThrottlingException', 'UPSTREAM_THROTTLED', true, 'ThrottlingException'],
    ['InternalServiceException', 'UPSTREAM_UNAVAILABLE', true, 'InternalServiceException'],
    ['OperationTimeoutException', 'UPSTREAM_TIMEOUT', true, 'OperationTimeoutException'],
    ['AccessDeniedException', 'UPSTREAM_ACCESS_DENIED', false, 'AccessDeniedException'],
    ['drop', 'UPSTREAM_UNAVAILABLE', true, undefined],
    ['hang', 'UPSTREAM_TIMEOUT', true, undefined],
  ])('%s for one run gives %s for it alone; its neighbour resolves', async (effect, code, retryable, exception) => {
    stack.emulator.faults.add({ effect, ids: [BAD] });
    const started = performance.now();
    const res = await stack.query(QUERY, { keys });
    expect(res.data.mlTaskRuns).toEqual([{ taskRunId: OK, status: 'SUCCEEDED' }, null]);
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error!.path).toEqual(['mlTaskRuns', 1]);
    expect(error!.extensions).toMatchObject({ code, retryable });
    expect(error!.extensions!.glue?.exception).toBe(exception);
    if (exception) expect(error!.extensions!.glue.requestId).toMatch(/\S+/);
    expectNoInternals(res, stack.emulator.endpoint);
    // A hung upstream is cut at GLUE_TIMEOUT_MS (400 ms), retries included.
    if (effect === 'hang') expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('EntityNotFoundException gives NOT_FOUND with a message of the ids sent, and Glue request id', async () => {
    const res = await stack.query(`{ mlTaskRun(transformId: "${T}", taskRunId: "tskr-nope") { id } }`);
    expect(res.data).toEqual({ mlTaskRun: null });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', retryable: false, glue: { exception: 'EntityNotFoundException' } });
    // Glue names the account in its message; the gateway writes its own from the ids the client sent.
    expect(res.errors![0]!.message).toBe(`No task run tskr-nope on transform ${T}.`);
    expect(res.errors![0]!.message).not.toContain(DEMO.accountId);
  });
});

describe('retries are the SDK\'s', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { GLUE_MAX_ATTEMPTS: '3', GLUE_RETRY_MODE: 'adaptive' } });
  });
  afterAll(() => stack.close());

  // Unfinished runs: never served from the finished-run cache, so every request calls Glue.
  const RUNNING = DEMO.runs.runningFindMatches;
  const unfinished = [{ transformId: T, taskRunId: DEMO.runs.startingEvaluation }, { transformId: T, taskRunId: RUNNING }];

  it.each<FaultRule['effect']>(['ThrottlingException', 'InternalServiceException', 'drop'])(
    'a %s that clears within the retries is invisible to the client',
    async (effect) => {
      stack.emulator.stats.reset();
      stack.emulator.faults.add({ effect, ids: [RUNNING], times: 1 });
      const res = await stack.query(QUERY, { keys: unfinished });
      expect(res.errors).toBeUndefined();
      expect(res.data.mlTaskRuns[1]).toEqual({ taskRunId: RUNNING, status: 'RUNNING' });
      expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(3);
    },
  );
});

/** A raw Glue-protocol server answering every call with one error, for rows the emulator never produces. */
async function rawGlue(status: number, type: string, message: string): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'raw-req-1' });
      res.end(JSON.stringify({ __type: type, message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each([
  [400, 'InvalidInputException', 'BAD_USER_INPUT', true],
  [400, 'ValidationException', 'BAD_USER_INPUT', true],
  [400, 'SomethingNewException', 'INTERNAL_SERVER_ERROR', false],
])('a Glue %i %s', (status, type, code, passesMessage) => {
  let stack: Stack;
  let raw: { server: Server; endpoint: string };
  beforeAll(async () => {
    raw = await rawGlue(status, type, 'Detail from Glue at ip-10-0-0-1.ec2.internal');
    stack = await startStack({ endpoint: raw.endpoint });
  });
  afterAll(async () => {
    await stack.close();
    raw.server.close();
  });

  it(`becomes ${code}`, async () => {
    const res = await stack.query(`{ mlTaskRun(transformId: "${T}", taskRunId: "${OK}") { id } }`);
    const error = res.errors![0]!;
    expect(error.extensions).toMatchObject({ code, glue: { exception: type, requestId: 'raw-req-1' } });
    if (passesMessage) expect(error.message).toBe('Detail from Glue at ip-10-0-0-1.ec2.internal');
    else expect(error.message).not.toContain('ip-10-0-0-1');
  });
});

describe('an unreachable Glue', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ endpoint: 'http://127.0.0.1:9', env: { GLUE_MAX_ATTEMPTS: '2' } });
  });
  afterAll(() => stack.close());

  it('connection refused gives UPSTREAM_UNAVAILABLE without internals', async () => {
    const res = await stack.query(`{ mlTaskRun(transformId: "${T}", taskRunId: "${OK}") { id } }`);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(res.errors![0]!.extensions!.glue).toBeUndefined();
    expect(JSON.stringify(res)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9/);
  });
});

describe('the GLUE_TIMEOUT_MS deadline counts time queued behind GLUE_MAX_CONCURRENCY', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      emulator: { latencyMs: 300 },
      env: { GLUE_MAX_CONCURRENCY: '1', GLUE_TIMEOUT_MS: '700', GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard' },
    });
  });
  afterAll(() => stack.close());

  it('answers in bounded time: calls still queued at the deadline fail with UPSTREAM_TIMEOUT and never reach Glue', async () => {
    const runs = stack.emulator.store.seedBulk(T, 6);
    const started = performance.now();
    const res = await stack.query(QUERY, { keys: runs.map((taskRunId) => ({ transformId: T, taskRunId })) });
    const elapsed = performance.now() - started;
    const resolved = res.data.mlTaskRuns.filter((r: unknown) => r !== null).length;
    // One call at a time, 300 ms each, 700 ms deadline: two calls fit, the rest time out while queued.
    expect(resolved).toBeGreaterThanOrEqual(1);
    expect(resolved).toBeLessThanOrEqual(3);
    expect(res.errors!.every((e) => e.extensions!.code === 'UPSTREAM_TIMEOUT')).toBe(true);
    expect(res.errors).toHaveLength(6 - resolved);
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBeLessThanOrEqual(3);
    expect(elapsed).toBeLessThan(1_500); // not 6 × 300 ms
  });
});
