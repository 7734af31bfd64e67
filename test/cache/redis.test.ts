// Two gateway processes sharing a real redis-server: finished runs and Apollo's own cache (persisted
// queries) are shared; Redis crashing degrades to Glue calls, never to errors; Redis coming back
// brings sharing back. The redis-server is the test's own, on a free port.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DEMO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { freePort, startRedis, type RedisServer } from '../helpers/redis.js';
import { requireCommand } from '../helpers/requires.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.products;
const RUN = `query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id taskRunId status startedOn completedOn } }`;

const redisServer = requireCommand('redis-server', 'redis-server');

redisServer.describe('REDIS_URL: replicas share one cache', () => {
  let redis: RedisServer;
  let emulator: RunningEmulator;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let runs: string[];
  const calls = () => emulator.stats.calls.GetMLTaskRun ?? 0;

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator();
    runs = emulator.store.seedBulk(T, 200);
    // RESPONSE_CACHE_ENABLED=false: these tests are about the finished-run cache, which the response cache would hide.
    const env = { GLUE_ENDPOINT: emulator.endpoint, REDIS_URL: redis.url, GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard', RESPONSE_CACHE_ENABLED: 'false' };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await emulator?.close();
    await redis?.stop();
  });

  it('a finished run loaded through one gateway is served by the other without a Glue call', async () => {
    const r = runs[0]!;
    emulator.stats.reset();
    const first = await a.query(RUN, { t: T, r });
    expect(first.errors).toBeUndefined();
    expect(calls()).toBe(1);
    const second = await b.query(RUN, { t: T, r });
    expect(second.data).toEqual(first.data);
    expect(calls()).toBe(1);
    expect(await b.metrics()).toMatch(/^gateway_finished_run_cache_requests_total\{result="hit"\} 1$/m);
  });

  it('a running run is never shared: each gateway asks Glue', async () => {
    emulator.stats.reset();
    await a.query(RUN, { t: DEMO.transforms.customers, r: DEMO.runs.runningFindMatches });
    await b.query(RUN, { t: DEMO.transforms.customers, r: DEMO.runs.runningFindMatches });
    expect(calls()).toBe(2);
  });

  it('a run one gateway returned is answered stale by the other when Glue fails to refresh it (stale-if-error is shared)', async () => {
    const LIVE = `query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { taskRunId status fetchedAt stale } }`;
    const t = DEMO.transforms.customers;
    const r = emulator.store.putTaskRun({ TransformId: t, Status: 'RUNNING', StartedOn: new Date(), LastModifiedOn: new Date() });
    const seen = await a.query(LIVE, { t, r });
    expect(seen.data.mlTaskRun).toMatchObject({ status: 'RUNNING', stale: false });
    emulator.faults.add({ effect: 'InternalServiceException', ids: [r] });
    try {
      // b never fetched this run: its last known state can only have come from a, through Redis.
      const res = await b.query(LIVE, { t, r });
      expect(res.errors).toBeUndefined();
      expect(res.data.mlTaskRun).toEqual({ ...seen.data.mlTaskRun, stale: true });
      expect((res as { extensions?: { warnings?: unknown[] } }).extensions?.warnings).toEqual([
        { code: 'STALE', path: ['mlTaskRun'], fetchedAt: seen.data.mlTaskRun.fetchedAt },
      ]);
      // A run nobody returned before has no last known state: the error stands.
      const never = emulator.store.putTaskRun({ TransformId: t, Status: 'RUNNING', StartedOn: new Date(), LastModifiedOn: new Date() });
      emulator.faults.add({ effect: 'InternalServiceException', ids: [never] });
      const unknown = await b.query(LIVE, { t, r: never });
      expect(unknown.data?.mlTaskRun ?? null).toBeNull();
      expect(unknown.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      emulator.faults.clear();
    }
  });

  it('Apollo\'s own cache is the shared one: a persisted query registered through one gateway runs on the other', async () => {
    const query = `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededEvaluation}") { status } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const unknown = await b.query(undefined, undefined, { persistedQuery: { ...persistedQuery, sha256Hash: 'f'.repeat(64) } });
    expect(unknown.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await a.query(query, undefined, { persistedQuery })).data).toEqual({ mlTaskRun: { status: 'SUCCEEDED' } });
    expect((await b.query(undefined, undefined, { persistedQuery })).data).toEqual({ mlTaskRun: { status: 'SUCCEEDED' } });
  });

  it('Redis going away degrades to Glue calls, never errors; when it is back, sharing resumes', async () => {
    const cached = runs[0]!; // in Redis since the first test
    await redis.kill();
    emulator.stats.reset();
    for (let i = 1; i <= 10; i++) {
      const via = i % 2 ? a : b;
      const res = await via.query(RUN, { t: T, r: i % 3 ? runs[i]! : cached });
      expect(res.errors).toBeUndefined();
      expect(res.data.mlTaskRun.status).toMatch(/SUCCEEDED|FAILED|STOPPED|TIMEOUT/);
    }
    // Every lookup went to Glue (nothing to share while Redis is down), none failed.
    expect(calls()).toBe(10);
    for (const gateway of [a, b]) {
      expect(gateway.child.exitCode).toBeNull();
      expect(await gateway.metrics()).toMatch(/^gateway_cache_errors_total\{operation="get"\} [1-9]\d*$/m);
      expect(gateway.logs.some((l) => l.level === 40 && /Redis connection lost|Shared cache unavailable/.test(l.msg))).toBe(true);
      expect(gateway.logs.filter((l) => l.level >= 50)).toEqual([]);
    }

    await redis.restart(); // empty, on the same port
    // Both clients reconnect on their own (backoff up to 5 s): wait until one gateway's write is the other's hit.
    const deadline = Date.now() + 20_000;
    let shared = false;
    for (let i = 20; !shared && Date.now() < deadline; i++) {
      await a.query(RUN, { t: T, r: runs[i]! });
      const before = calls();
      const res = await b.query(RUN, { t: T, r: runs[i]! });
      expect(res.errors).toBeUndefined();
      shared = calls() === before;
      if (!shared) await sleep(250);
    }
    expect(shared).toBe(true);
    expect(a.logs.some((l) => l.msg === 'Redis connected')).toBe(true);
  }, 60_000);
});

describe('REDIS_URL unreachable at start-up', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('the gateway still starts and serves every request from Glue', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      GLUE_ENDPOINT: emulator.endpoint,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    const started = performance.now();
    const app = await startApp(config, { region: 'us-east-1', endpoint: emulator.endpoint }, pino({ level: 'silent' }));
    try {
      // Start-up waits at most about the connect timeout (1 s) for Redis.
      expect(performance.now() - started).toBeLessThan(5_000);
      const query = () =>
        fetch(app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: RUN, variables: { t: DEMO.transforms.customers, r: DEMO.runs.succeededFindMatches } }),
        }).then((r) => r.json() as Promise<{ data?: any; errors?: unknown[] }>);
      for (let i = 0; i < 3; i++) {
        const res = await query();
        expect(res.errors).toBeUndefined();
        expect(res.data.mlTaskRun.status).toBe('SUCCEEDED');
      }
      expect(emulator.stats.calls.GetMLTaskRun).toBe(3);
    } finally {
      await app.stop();
    }
  });
});

redisServer.describe('Redis that hangs (connected, answering nothing)', () => {
  let redis: RedisServer;
  let stack: Stack;
  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack({ env: { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '200' } });
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it('costs at most REDIS_TIMEOUT_MS per cache step, then requests are served from Glue', async () => {
    const variables = { t: DEMO.transforms.customers, r: DEMO.runs.succeededFindMatches };
    await stack.query(RUN, variables); // cached in Redis
    stack.emulator.stats.reset();
    redis.pause();
    try {
      const started = performance.now();
      const res = await stack.query(RUN, variables);
      const elapsed = performance.now() - started;
      expect(res.errors).toBeUndefined();
      expect(res.data.mlTaskRun.status).toBe('SUCCEEDED');
      expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(1);
      // A read and a write that time out (200 ms each) plus the call: far from hanging.
      expect(elapsed).toBeGreaterThanOrEqual(380);
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      redis.resume();
    }
    stack.emulator.stats.reset();
    expect((await stack.query(RUN, variables)).data.mlTaskRun.status).toBe('SUCCEEDED');
    expect(stack.emulator.stats.calls.GetMLTaskRun ?? 0).toBe(0);
  });
});
