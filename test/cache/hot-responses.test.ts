// The hot front of the full-response cache, over real HTTP with a real Apollo Server (Glue is a stub:
// the runs are finished, so nothing else matters here): once the response cache has served a HIT, the
// same request is answered without Apollo, after CORS, authentication and the rate limit, and keyed on
// the body, Accept and the principal. HotResponses' own rules (what it keeps, for how long) below.
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { HotResponses } from '../../src/cache/hot-responses.js';
import { loadConfig } from '../../src/config.js';
import type { GlueApi } from '../../src/glue/operations.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { createGateway, type Gateway } from '../../src/server.js';

const RUN = 'query Run($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { taskRunId status } }';
const BODY = JSON.stringify({ query: RUN, variables: { t: 'tfm-1', r: 'tskr-1' } });
const KEYS = ['key-a-0123456789abcdef', 'key-b-0123456789abcdef'];

let gateway: Gateway | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

async function start(env: Record<string, string> = {}) {
  let apolloRequests = 0;
  const counting: ApolloServerPlugin = {
    async requestDidStart() {
      apolloRequests++;
    },
  };
  const glue = {
    getMLTaskRun: async ({ transformId, taskRunId }: { transformId: string; taskRunId: string }) => ({ TransformId: transformId, TaskRunId: taskRunId, Status: 'SUCCEEDED' }),
    ping: async () => undefined,
  } as unknown as GlueApi;
  const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', AWS_REGION: 'us-east-1', GLUE_ENDPOINT: 'http://127.0.0.1:9', ...env });
  const metrics = new GatewayMetrics();
  gateway = await createGateway({ config, glue, logger: pino({ level: 'silent' }), plugins: [counting], cache: new InMemoryLRUCache(), metrics });
  const { url } = await gateway.listen();
  const post = async (headers: Record<string, string> = {}, body = BODY) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { res, text: await res.text() };
  };
  const hits = async () => {
    const text = await metrics.registry.metrics();
    return Number(/^gateway_response_cache_requests_total\{result="hit"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  };
  return { post, hits, apolloRequests: () => apolloRequests };
}

describe('the hot front of the response cache', () => {
  it('answers the third identical request without Apollo, byte for byte, with its own request id, age, CORS and Vary', async () => {
    const g = await start();
    const origin = { origin: 'http://localhost:5173' };
    const first = await g.post(origin);
    const second = await g.post(origin);
    expect([first.res.headers.get('x-cache'), second.res.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(g.apolloRequests()).toBe(2);

    const third = await g.post(origin);
    expect(g.apolloRequests()).toBe(2);
    expect(third.res.status).toBe(200);
    expect(third.text).toBe(second.text);
    expect(JSON.parse(third.text)).toEqual({ data: { mlTaskRun: { taskRunId: 'tskr-1', status: 'SUCCEEDED' } } });
    for (const name of ['x-cache', 'cache-control', 'content-type', 'access-control-allow-origin', 'vary']) {
      expect(third.res.headers.get(name), name).toBe(second.res.headers.get(name));
    }
    expect(third.res.headers.get('age')).toMatch(/^\d+$/);
    expect(third.res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(third.res.headers.get('x-request-id')).not.toBe(second.res.headers.get('x-request-id'));
    // Counted like any other hit.
    expect(await g.hits()).toBe(2);
  });

  it('keys on Accept and the body: another media type or other variables go through Apollo', async () => {
    const g = await start();
    await g.post();
    await g.post();
    const modern = await g.post({ accept: 'application/graphql-response+json' });
    expect(modern.res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(g.apolloRequests()).toBe(3);
    await g.post({}, JSON.stringify({ query: RUN, variables: { t: 'tfm-1', r: 'tskr-2' } }));
    expect(g.apolloRequests()).toBe(4);
  });

  it('authenticates first and keeps one principal\'s entries from another', async () => {
    const g = await start({ AUTH_API_KEYS: KEYS.join(',') });
    const [a, b] = KEYS.map((key) => ({ 'x-api-key': key }));
    for (let i = 0; i < 3; i++) await g.post(a);
    expect(g.apolloRequests()).toBe(2);
    const other = await g.post(b);
    expect(other.res.headers.get('x-cache')).toBe('MISS');
    expect(g.apolloRequests()).toBe(3);
    expect((await g.post()).res.status).toBe(401);
    expect((await g.post({ 'x-api-key': 'wrong-0123456789abcdef' })).res.status).toBe(401);
  });

  it('counts against the per-client rate limit', async () => {
    const g = await start({ RATE_LIMIT_PER_CLIENT_RPS: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await g.post()).res.status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('is off with the response cache', async () => {
    const g = await start({ RESPONSE_CACHE_ENABLED: 'false' });
    for (let i = 0; i < 3; i++) await g.post();
    expect(g.apolloRequests()).toBe(3);
  });
});

describe('HotResponses', () => {
  const response = (headers: Record<string, string>, status = 200) => ({
    status,
    headers: new HeaderMap(Object.entries(headers)),
    body: { kind: 'complete' as const, string: '{"data":{}}' },
  });
  const HIT = { 'x-cache': 'HIT', 'cache-control': 'max-age=60, public', age: '10', 'content-type': 'application/json' };

  it('keeps a HIT until its stored entry expires (max-age from the stored time, a second early), never longer than the TTL cap', () => {
    const hot = new HotResponses({ maxTtlSeconds: 300 });
    hot.remember('k', response(HIT), 'Run', 0);
    expect(hot.get('k', 48_999)?.headers).toEqual([['x-cache', 'HIT'], ['cache-control', 'max-age=60, public'], ['content-type', 'application/json']]);
    expect(hot.get('k', 49_000)).toBeUndefined();
    const capped = new HotResponses({ maxTtlSeconds: 30 });
    capped.remember('k', response(HIT), 'Run', 0);
    expect(capped.get('k', 18_999)).toBeDefined();
    expect(capped.get('k', 19_000)).toBeUndefined();
  });

  it('keeps nothing but a 200 HIT with a max-age, within its size bounds', () => {
    const hot = new HotResponses({ maxTtlSeconds: 300, maxEntries: 2, maxBodyBytes: 5 });
    hot.remember('miss', response({ ...HIT, 'x-cache': 'MISS' }), null, 0);
    hot.remember('no-store', response({ ...HIT, 'cache-control': 'no-store' }), null, 0);
    hot.remember('status', response(HIT, 400), null, 0);
    hot.remember('big', response(HIT), null, 0);
    expect(hot.size).toBe(0);
    const small = new HotResponses({ maxTtlSeconds: 300, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) small.remember(key, response(HIT), null, 0);
    expect([small.get('a', 0), small.get('b', 0) !== undefined, small.get('c', 0) !== undefined]).toEqual([undefined, true, true]);
  });
});
