import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { record, wsClient } from '../helpers/ws.js';

const T = DEMO.transforms.customers;
const R = DEMO.runs.succeededFindMatches;
const GOOD = `{ mlTaskRun(transformId: "${T}", taskRunId: "${R}") { status } }`;

interface Hostile {
  name: string;
  init: () => RequestInit & { path?: string };
  status: number | number[];
  /** A fragment the error message must contain, naming what is wrong. */
  says: RegExp;
}

// The GraphQL-over-HTTP media type: request errors get 4xx (as application/json they get 200, per the spec;
// test/http/graphql-over-http.test.ts covers both).
const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const deep = (levels: number) => `{ ${'mlTaskRun(transformId: "a", taskRunId: "b") { properties { ... on FindMatchesTaskRunProperties { __typename '.repeat(1)}${'a { '.repeat(levels)}b${' }'.repeat(levels)} } } } }`;

const HOSTILE: Hostile[] = [
  { name: 'malformed JSON', init: () => json('{"query": "{ mlTaskRun'), status: 400, says: /not valid JSON/ },
  { name: 'an empty body', init: () => json(''), status: 400, says: /body|query/i },
  { name: 'a JSON array when batching is off', init: () => json([{ query: GOOD }, { query: GOOD }]), status: 400, says: /batch/i },
  { name: 'a JSON string body', init: () => json('"{ __typename }"'), status: 400, says: /body|object/i },
  { name: 'text/plain (a CSRF-style simple request)', init: () => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: GOOD }) }), status: 400, says: /CSRF|preflight|content-type/i },
  { name: 'application/xml', init: () => ({ method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' }), status: [400, 415], says: /content-type|body/i },
  { name: 'a 10 MB body', init: () => json({ query: GOOD, variables: { pad: 'x'.repeat(10 * 1024 * 1024) } }), status: 413, says: /MAX_BODY_BYTES/ },
  // Within the default token cap (1000; about 3 tokens a level), so the depth limit is what it hits.
  { name: 'a query 300 levels deep', init: () => json({ query: deep(300) }), status: 400, says: /depth limit of 12/i },
  {
    name: '10,000 aliases',
    init: () => json({ query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
    status: 400,
    says: /more th\w+ 1000 tokens|aliases limit/i,
  },
  {
    name: '101 aliases',
    // 8 tokens each: within the default token cap, so the alias limit is what it hits.
    init: () => json({ query: `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: mlTransforms { nodes { id } }`).join(' ')} }` }),
    status: 400,
    says: /aliases limit of 100/i,
  },
  { name: '60 directives', init: () => json({ query: `{ __typename ${'@include(if: true) '.repeat(60)} }` }), status: 400, says: /directives limit of 50/i },
  { name: 'an unknown operation name', init: () => json({ query: GOOD.replace('{', 'query A {'), operationName: 'B' }), status: 400, says: /Unknown operation named "B"/ },
  { name: 'an unknown field', init: () => json({ query: '{ dropTables }' }), status: 400, says: /Cannot query field "dropTables"/ },
  {
    name: 'variables of the wrong type',
    init: () => json({ query: 'query ($k: [MLTaskRunKey!]!) { mlTaskRuns(keys: $k) { id } }', variables: { k: [{ transformId: 1, taskRunId: { $ne: null } }] } }),
    status: 400,
    says: /\$k.*taskRunId|ID cannot represent/,
  },
  { name: 'variables that are not an object', init: () => json({ query: GOOD, variables: 'x' }), status: 400, says: /variables/ },
  { name: 'a GET without a query', init: () => ({ method: 'GET', headers: { 'apollo-require-preflight': '1' } }), status: 400, says: /query/i },
  { name: 'a mutation over GET', init: () => ({ method: 'GET', path: `?query=${encodeURIComponent('mutation { __typename }')}`, headers: { 'apollo-require-preflight': '1', accept: 'application/graphql-response+json' } }), status: [400, 405], says: /mutation|GET/i },
];

describe('hostile HTTP requests get a clear 4xx, cost Glue nothing, and the server keeps serving', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it.each(HOSTILE)('$name', async ({ init, status, says }) => {
    const { path = '', ...request } = init();
    const res = await fetch(stack.url + path, request);
    expect([status].flat()).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions?: { code?: string } }> };
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors.map((e) => e.message).join(' | ')).toMatch(says);
    expect(body.errors.every((e) => typeof e.extensions?.code === 'string')).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+|node_modules/);
    expect(stack.emulator.stats.total).toBe(0);
    // The next well-formed request is answered correctly.
    expect(await stack.query(GOOD)).toEqual({ data: { mlTaskRun: { status: 'SUCCEEDED' } } });
  });
});

describe('the cost limit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { MAX_QUERY_COST: '40' } });
  });
  afterAll(() => stack.close());

  it('rejects an operation whose computed cost is over MAX_QUERY_COST, before any Glue call', async () => {
    const cheap = await stack.query(GOOD);
    expect(cheap.errors).toBeUndefined();
    stack.emulator.stats.reset();
    const res = await fetch(stack.url, json({
      query: `{ a: mlTaskRun(transformId: "${T}", taskRunId: "${R}") { id transformId taskRunId status rawStatus logGroupName errorString startedOn lastModifiedOn completedOn executionTime properties { ... on FindMatchesTaskRunProperties { jobId jobName jobRunId taskType } } }
               b: mlTaskRun(transformId: "${T}", taskRunId: "x") { id transformId taskRunId status rawStatus logGroupName errorString startedOn } }`,
    }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]!.message).toMatch(/Query Cost limit of 40 exceeded, found \d+/);
    expect(stack.emulator.stats.total).toBe(0);
  });
});

describe('the same limits over WebSocket', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('refuses a subscription over the depth limit with a coded error and no Glue call', async () => {
    const client = wsClient(stack.url);
    const sub = record(client, `subscription { mlTaskRunUpdated(transformId: "${T}", taskRunId: "${R}") { ${'transform { taskRuns { edges { node { '.repeat(4)} id ${'} } } } '.repeat(4)} } }`);
    await sub.ended;
    expect(JSON.stringify(sub.error)).toMatch(/depth limit of 12/);
    expect(stack.emulator.stats.total).toBe(0);
    await client.dispose();
  });
});

describe('nested listings are bounded by MAX_LIST_CALLS_PER_REQUEST', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { MAX_LIST_CALLS_PER_REQUEST: '3' } });
  });
  afterAll(() => stack.close());

  it('fails a request whose nested listings exceed the budget, after at most that many Glue listing calls', async () => {
    const query = `{ mlTransforms(first: 10) { nodes { transformId taskRuns(first: 1) { edges { node { id } } } } } }`;
    const res = await stack.query(query);
    // taskRuns is non-null (a connection always exists), so a refused listing nulls its parents.
    expect(res.data).toBeNull();
    expect(res.errors!.length).toBeGreaterThan(0);
    for (const e of res.errors!) {
      expect(e.extensions!.code).toBe('BAD_USER_INPUT');
      expect(e.message).toContain('MAX_LIST_CALLS_PER_REQUEST');
    }
    // One listing of transforms and at most two of task runs reached Glue.
    expect(stack.emulator.stats.calls.GetMLTransforms).toBe(1);
    expect(stack.emulator.stats.calls.GetMLTaskRuns ?? 0).toBeLessThanOrEqual(2);

    // Within the budget the same shape works.
    const ok = await stack.query(`{ mlTransforms(first: 2) { nodes { taskRuns(first: 1) { edges { node { id } } } } } }`);
    expect(ok.errors).toBeUndefined();
  });
});
