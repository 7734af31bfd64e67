// With REDIS_URL, replicas count rate limits together and persisted queries expire in Redis.
// Two gateways sharing a real redis-server.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { post } from '../helpers/http.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startStack, type Stack } from '../helpers/stack.js';

const QUERY = `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { status } }`;

describe('rate limits and persisted queries in Redis', () => {
  let redis: RedisServer;
  let a: Stack;
  let b: Stack;
  const redisCli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(redis.port), ...args], { encoding: 'utf8' }).trim();

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_CLIENT_RPS: '4', PERSISTED_QUERIES_TTL_SECONDS: '600' };
    [a, b] = await Promise.all([startStack({ env }), startStack({ env })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  it('counts one client across replicas: 6 requests split over two gateways, 4 allowed', async () => {
    const responses = await Promise.all([a, b, a, b, a, b].map((stack) => post(stack.url, { query: QUERY })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });

  it('stores persisted queries under their own prefix with a TTL', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const hash = createHash('sha256').update(QUERY).digest('hex');
    const res = await post(a.url, { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(res.status).toBe(200);
    const keys = redisCli('--scan', '--pattern', `*apq:${hash}*`).split('\n').filter(Boolean);
    expect(keys).toHaveLength(1);
    const ttl = Number(redisCli('TTL', keys[0]!));
    expect(ttl).toBeGreaterThan(500);
    expect(ttl).toBeLessThanOrEqual(600);
    // The other replica finds it by hash alone.
    const byHash = (await (await post(b.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).json()) as any;
    expect(byHash.data.mlTaskRun.status).toBe('SUCCEEDED');
  });
});
