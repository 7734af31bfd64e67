import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { record, sleep, waitFor, wsClient, type Received } from '../helpers/ws.js';

const P = DEMO.transforms.products;
const C = DEMO.transforms.customers;
const POLL_MS = 40;
const SUB = `subscription ($t: ID!, $r: ID!) {
  mlTaskRunUpdated(transformId: $t, taskRunId: $r) { taskRunId status lastModifiedOn completedOn }
}`;

const statuses = (sub: Received) => sub.results.map((r) => r.data?.mlTaskRunUpdated?.status);

describe('Subscription.mlTaskRunUpdated over graphql-ws', () => {
  let stack: Stack;
  let clients: Client[] = [];
  const client = () => {
    const c = wsClient(stack.url);
    clients.push(c);
    return c;
  };
  const watcher = () => stack.app.gateway.taskRunWatcher;
  /** Starts an EXPORT_LABELS run on `products` through the gateway; it stays STARTING until the clock moves. */
  const startRun = async (): Promise<string> => {
    const res = await stack.query(`mutation { startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "s3://demo-glue-ml/exports/") { taskRunId } }`);
    expect(res.errors).toBeUndefined();
    return res.data.startExportLabelsTaskRun.taskRunId as string;
  };

  beforeAll(async () => {
    stack = await startStack({
      env: {
        GRAPHQL_MUTATIONS: 'true',
        SUBSCRIPTION_POLL_INTERVAL_MS: String(POLL_MS),
        SUBSCRIPTIONS_MAX_PER_CONNECTION: '60',
        GLUE_MAX_ATTEMPTS: '1',
        GLUE_RETRY_MODE: 'standard',
      },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.faults.clear();
    stack.emulator.stats.reset();
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    clients = [];
    await waitFor('every poller to stop', () => watcher().stats().pollers === 0);
  });

  it('follows a started run through STARTING and RUNNING to SUCCEEDED, then completes', async () => {
    const run = await startRun();
    const sub = record(client(), SUB, { t: P, r: run });
    await waitFor('the current state', () => sub.results.length === 1);
    expect(sub.results[0]).toEqual({
      data: { mlTaskRunUpdated: { taskRunId: run, status: 'STARTING', lastModifiedOn: expect.any(String), completedOn: null } },
    });
    // Polls that see no change send nothing.
    await sleep(POLL_MS * 4);
    expect(sub.results).toHaveLength(1);

    stack.emulator.clock.advance(10_000);
    await waitFor('RUNNING', () => sub.results.length === 2);
    stack.emulator.clock.advance(60_000);
    await sub.ended;
    expect(sub.completed).toBe(true);
    expect(statuses(sub)).toEqual(['STARTING', 'RUNNING', 'SUCCEEDED']);
    const [starting, running, succeeded] = sub.results.map((r) => r.data!.mlTaskRunUpdated);
    expect(Date.parse(running.lastModifiedOn)).toBeGreaterThan(Date.parse(starting.lastModifiedOn));
    expect(succeeded.completedOn).toBe(succeeded.lastModifiedOn);
  });

  it('follows a cancelled run to STOPPED, then completes', async () => {
    const run = await startRun();
    const sub = record(client(), SUB, { t: P, r: run });
    await waitFor('the current state', () => sub.results.length === 1);
    const cancel = await stack.query(`mutation { cancelMLTaskRun(transformId: "${P}", taskRunId: "${run}") { taskRun { status } } }`);
    expect(cancel.data.cancelMLTaskRun.taskRun.status).toBe('STOPPING');
    await waitFor('STOPPING', () => sub.results.length === 2);
    stack.emulator.clock.advance(5_000);
    await sub.ended;
    expect(sub.completed).toBe(true);
    expect(statuses(sub)).toEqual(['STARTING', 'STOPPING', 'STOPPED']);
  });

  it('sends a finished run once and completes, after one Glue call', async () => {
    const sub = record(client(), SUB, { t: C, r: DEMO.runs.failedFindMatches });
    await sub.ended;
    expect(sub.completed).toBe(true);
    expect(statuses(sub)).toEqual(['FAILED']);
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(1);
  });

  it('50 subscribers to one run share one poller: Glue sees exactly its polls', async () => {
    const run = await startRun();
    stack.emulator.stats.reset();
    const pollsBefore = watcher().stats().polls;
    const started = performance.now();
    const connections = Array.from({ length: 5 }, client);
    const subs = Array.from({ length: 50 }, (_, i) => record(connections[i % 5]!, SUB, { t: P, r: run }));
    await waitFor('every subscriber to get the current state', () => subs.every((s) => s.results.length === 1));
    expect(watcher().stats()).toMatchObject({ pollers: 1, subscribers: 50 });
    await sleep(POLL_MS * 10);

    stack.emulator.clock.advance(70_000);
    await Promise.all(subs.map((s) => s.ended));
    const elapsed = performance.now() - started;
    expect(subs.every((s) => s.completed && statuses(s).join() === 'STARTING,SUCCEEDED')).toBe(true);
    expect(watcher().stats().pollers).toBe(0);

    const calls = stack.emulator.stats.calls.GetMLTaskRun ?? 0;
    // Every GetMLTaskRun was a poll of the one shared poller...
    expect(calls).toBe(watcher().stats().polls - pollsBefore);
    // ...polling once per interval at most (50 pollers would make about 50 times as many calls).
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(Math.ceil(elapsed / POLL_MS) + 2);
  });

  it('stops a poller when its last subscriber leaves, not before', async () => {
    const run = await startRun();
    const a = record(client(), SUB, { t: P, r: run });
    const b = record(client(), SUB, { t: P, r: run });
    await waitFor('both to get the current state', () => a.results.length === 1 && b.results.length === 1);
    expect(watcher().stats()).toMatchObject({ pollers: 1, subscribers: 2 });

    a.unsubscribe();
    await waitFor('one subscriber to remain', () => watcher().stats().subscribers === 1);
    const calls = stack.emulator.stats.calls.GetMLTaskRun ?? 0;
    await waitFor('the poller to keep polling', () => (stack.emulator.stats.calls.GetMLTaskRun ?? 0) >= calls + 2);

    b.unsubscribe();
    await waitFor('the poller to stop', () => watcher().stats().pollers === 0);
    await sleep(POLL_MS * 2); // a poll already in flight may still arrive
    const after = stack.emulator.stats.calls.GetMLTaskRun;
    await sleep(POLL_MS * 8);
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(after);
  });

  it('keeps polling through transient upstream errors, without telling subscribers', async () => {
    const run = await startRun();
    stack.emulator.stats.reset();
    stack.emulator.faults.add({ effect: 'InternalServiceException', operation: 'GetMLTaskRun', ids: [run], times: 3 });
    const sub = record(client(), SUB, { t: P, r: run });
    await waitFor('the current state', () => sub.results.length === 1, 15_000);
    expect(sub.results[0]!.errors).toBeUndefined();
    expect(statuses(sub)).toEqual(['STARTING']);
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBeGreaterThanOrEqual(4);
  });

  it('sends NOT_FOUND once and completes when the run does not exist', async () => {
    const sub = record(client(), SUB, { t: P, r: 'tskr-does-not-exist' });
    await sub.ended;
    expect(sub.completed).toBe(true);
    expect(sub.results).toHaveLength(1);
    expect(sub.results[0]!.data).toBeNull();
    expect(sub.results[0]!.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', retryable: false, glue: { exception: 'EntityNotFoundException' } });
    expect(sub.results[0]!.errors![0]!.path).toEqual(['mlTaskRunUpdated']);
    expect(JSON.stringify(sub.results)).not.toMatch(/stack|\.ts:\d+/);
  });

  it('refuses a bad id with BAD_USER_INPUT before any call', async () => {
    const sub = record(client(), SUB, { t: P, r: '' });
    await sub.ended;
    expect(sub.results[0]!.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'taskRunId' });
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('answers a malformed or invalid operation with a coded error and keeps the connection', async () => {
    const c = client();
    const broken = record(c, 'subscription { mlTaskRunUpdated(');
    await broken.ended;
    expect(broken.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_PARSE_FAILED' }) })]);
    const invalid = record(c, 'subscription { mlTaskRunUpdated(transformId: "x") { nope } }');
    await invalid.ended;
    expect((invalid.error as any[]).every((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
    // Variables that do not coerce: BAD_USER_INPUT with graphql's message, as over HTTP.
    const uncoerced = record(c, SUB, { t: C, r: 42.5 });
    await uncoerced.ended;
    expect(uncoerced.error).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"$r"'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    const missing = record(c, SUB, { t: C });
    await missing.ended;
    expect((missing.error as any[])[0].extensions.code).toBe('BAD_USER_INPUT');

    const ok = record(c, SUB, { t: C, r: DEMO.runs.succeededEvaluation });
    await ok.ended;
    expect(statuses(ok)).toEqual(['SUCCEEDED']);
  });

  it('refuses a subscription sent as a plain HTTP request with a clear error', async () => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUB, variables: { t: C, r: DEMO.runs.succeededEvaluation } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toContain('WebSocket');
    expect(stack.emulator.stats.total).toBe(0);
  });
});

describe('subscription limits', () => {
  let stack: Stack;
  let clients: Client[] = [];
  const client = () => {
    const c = wsClient(stack.url);
    clients.push(c);
    return c;
  };
  const follow = (c: Client) => record(c, SUB, { t: C, r: DEMO.runs.runningFindMatches }); // RUNNING for good

  beforeAll(async () => {
    stack = await startStack({
      env: { SUBSCRIPTION_POLL_INTERVAL_MS: String(POLL_MS), SUBSCRIPTIONS_MAX_PER_CONNECTION: '2', SUBSCRIPTIONS_MAX_TOTAL: '3' },
    });
  });
  afterAll(() => stack.close());
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    clients = [];
  });

  it('refuses subscriptions over the per-connection and total limits; others keep working', async () => {
    const first = client();
    const a = follow(first);
    const b = follow(first);
    await waitFor('two subscriptions to start', () => a.results.length === 1 && b.results.length === 1);

    const overConnection = follow(first);
    await overConnection.ended;
    expect(overConnection.error).toEqual([
      expect.objectContaining({ extensions: { code: 'LIMIT_EXCEEDED', retryable: false }, message: expect.stringContaining('SUBSCRIPTIONS_MAX_PER_CONNECTION') }),
    ]);

    const second = client();
    const c = follow(second);
    await waitFor('a subscription on another connection', () => c.results.length === 1);
    const overTotal = follow(second);
    await overTotal.ended;
    expect(overTotal.error).toEqual([
      expect.objectContaining({ extensions: { code: 'LIMIT_EXCEEDED', retryable: true }, message: expect.stringContaining('SUBSCRIPTIONS_MAX_TOTAL') }),
    ]);

    // The refusals ended nothing else, and a freed slot can be used again.
    expect([a, b, c].some((s) => s.error !== undefined || s.completed)).toBe(false);
    a.unsubscribe();
    await waitFor('the slot to be freed', () => stack.app.gateway.taskRunWatcher.stats().subscribers === 2);
    const again = follow(first);
    await waitFor('a subscription in the freed slot', () => again.results.length === 1);
    expect(again.error).toBeUndefined();
    expect(stack.app.gateway.taskRunWatcher.stats()).toMatchObject({ pollers: 1, subscribers: 3 });
  });
});

describe('shutdown with open subscriptions', () => {
  it('closes WebSocket connections and stops every poller', async () => {
    const stack = await startStack({ env: { SUBSCRIPTION_POLL_INTERVAL_MS: String(POLL_MS) } });
    const c = wsClient(stack.url);
    const sub = record(c, SUB, { t: C, r: DEMO.runs.runningFindMatches });
    await waitFor('the subscription to start', () => sub.results.length === 1);
    const started = performance.now();
    await stack.close();
    await sub.ended;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(stack.app.gateway.taskRunWatcher.stats().pollers).toBe(0);
    await c.dispose();
  });
});
