import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { get, getUrl, post } from '../helpers/http.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const R = DEMO.runs.succeededFindMatches;
const QUERY = `query Run($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id status } }`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('queries over GET, mutations never, CSRF prevention', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Mutations on, so a mutation sent as GET is refused for its method, not because the schema lacks it.
    stack = await startStack({ env: { GRAPHQL_MUTATIONS: 'true' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it('runs a query sent as GET, with URL-encoded variables', async () => {
    const res = await get(stack.url, { query: QUERY, variables: { t: T, r: R }, operationName: 'Run' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ data: { mlTaskRun: { id: expect.any(String), status: 'SUCCEEDED' } } });
  });

  it('refuses a mutation sent as GET with 405 and Allow: POST, before executing anything', async () => {
    const res = await get(stack.url, { query: `mutation { cancelMLTaskRun(transformId: "${T}", taskRunId: "${R}") { taskRunId } }` });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.message).toMatch(/GET requests only support query operations, not mutation/);
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('blocks simple requests a cross-site form or <img> could send (CSRF), before executing anything', async () => {
    // A GET without a preflight-forcing header, and a POST with a "simple" content type.
    const simpleGet = await fetch(getUrl(stack.url, { query: QUERY, variables: { t: T, r: R } }), { headers: { origin: 'https://evil.example.com' } });
    const simplePost = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: QUERY, variables: { t: T, r: R } }) });
    for (const res of [simpleGet, simplePost]) {
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toMatch(/CSRF/);
      expect(text).not.toContain('SUCCEEDED');
    }
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('lets a GET through with a preflight-forcing header: apollo-require-preflight, x-apollo-operation-name or a JSON content type', async () => {
    const preflightForcing: Array<Record<string, string>> = [{ 'apollo-require-preflight': 'true' }, { 'x-apollo-operation-name': 'Run' }, { 'content-type': 'application/json' }];
    for (const headers of preflightForcing) {
      const res = await fetch(getUrl(stack.url, { query: QUERY, variables: { t: T, r: R } }), { headers });
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
  });
});

describe('automatic persisted queries', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('round trip: hash alone misses, hash with query registers, then the hash alone runs it over GET', async () => {
    const hash = sha256(QUERY);
    const variables = { t: T, r: R };
    const miss = await get(stack.url, { variables, extensions: persisted(hash) });
    expect(miss.status).toBe(200);
    expect(miss.headers.get('cache-control')).toMatch(/no-cache|no-store/);
    expect(await miss.json()).toMatchObject({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });

    const register = await get(stack.url, { query: QUERY, variables, extensions: persisted(hash) });
    expect(await register.json()).toEqual({ data: { mlTaskRun: { id: expect.any(String), status: 'SUCCEEDED' } } });

    stack.emulator.stats.reset();
    const hit = await get(stack.url, { variables, extensions: persisted(hash) });
    expect(hit.status).toBe(200);
    expect(hit.headers.get('cache-control')).toBe('max-age=300, public');
    expect(await hit.json()).toEqual({ data: { mlTaskRun: { id: expect.any(String), status: 'SUCCEEDED' } } });
    // The run is finished, so the gateway's finished-run cache answers: no Glue call at all.
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBeUndefined();
    // The hit's URL names no query text: short enough for any CDN and proxy.
    expect(hit.url).not.toContain('mlTaskRun');
  });

  it('also over POST, and refuses a hash that does not match the query', async () => {
    const query = `query RunId($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id } }`;
    const variables = { t: T, r: R };
    const wrong = await post(stack.url, { query, variables, extensions: persisted(sha256('something else')) });
    expect(wrong.status).toBe(400);
    // The client's mistake, so a client code (Apollo gives this error none).
    expect(await wrong.json()).toMatchObject({
      errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST', retryable: false } }],
    });
    await post(stack.url, { query, variables, extensions: persisted(sha256(query)) });
    const hit = await post(stack.url, { variables, extensions: persisted(sha256(query)) });
    expect(await hit.json()).toEqual({ data: { mlTaskRun: { id: expect.any(String) } } });
  });
});
