// Cheap to send, costly to serve: repeated keys, floods of errors, huge documents, and request rates,
// each sent over real HTTP and refused before it costs Glue calls.
import { getIntrospectionQuery } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config.js';
import { DEMO } from '../../src/emulator/index.js';
import { buildSafelist, countTokens } from '../../scripts/safelist.js';
import { post } from '../helpers/http.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { bearer, SECRET, token } from './helpers.js';

const KEY = { transformId: DEMO.transforms.customers, taskRunId: DEMO.runs.succeededFindMatches };
const RUNS = 'query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { status } }';
const HEALTHY = `{ mlTaskRun(transformId: "${KEY.transformId}", taskRunId: "${KEY.taskRunId}") { status } }`;

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('request shape limits', () => {
  it('counts repeated keys against MAX_TASK_RUNS_PER_REQUEST, refusing before any Glue call', async () => {
    stack = await startStack({ env: { MAX_TASK_RUNS_PER_REQUEST: '100' } });
    const atLimit = await stack.query(RUNS, { keys: Array(100).fill(KEY) });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data.mlTaskRuns).toHaveLength(100);
    stack.emulator.stats.reset();
    const repeated = await stack.query(RUNS, { keys: Array(9_500).fill(KEY) });
    expect(repeated.data).toBeNull();
    expect(repeated.errors).toHaveLength(1);
    expect(repeated.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(repeated.errors![0]!.message).toContain('MAX_TASK_RUNS_PER_REQUEST');
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('caps the errors of one response at MAX_ERRORS_PER_RESPONSE, the last one saying how many were left out', async () => {
    stack = await startStack({ env: { MAX_ERRORS_PER_RESPONSE: '5' } });
    const invalid = Array.from({ length: 12 }, () => ({ transformId: '', taskRunId: 'x' }));
    const res = await stack.query(RUNS, { keys: invalid });
    expect(res.errors).toHaveLength(5);
    expect(res.errors!.slice(0, 4).every((e) => e.extensions!.code === 'BAD_USER_INPUT')).toBe(true);
    expect(res.errors![4]!.extensions!.code).toBe('LIMIT_EXCEEDED');
    expect(res.errors![4]!.message).toBe('8 more errors omitted (MAX_ERRORS_PER_RESPONSE is 5).');
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('sizes the default token cap to the largest example operation (and introspection) with a margin, and enforces it', async () => {
    const cap = envSchema.shape.MAX_QUERY_TOKENS.parse(undefined);
    const largest = Math.max(...buildSafelist().operations.map((o) => o.tokens ?? 0), countTokens(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true })));
    expect(largest).toBeGreaterThan(50);
    expect(cap).toBeGreaterThanOrEqual(4 * largest);
    expect(cap).toBeLessThanOrEqual(2_000);
    stack = await startStack();
    // The attack: 1,400 copies of one selection (each 6 tokens) in one document.
    const flood = `{ ${Array.from({ length: 1_400 }, (_, i) => `a${i}: mlTransforms { nodes { id } }`).join(' ')} }`;
    const res = await stack.query(flood);
    expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors![0]!.message).toContain(`more that ${cap} tokens`);
    expect(stack.emulator.stats.total).toBe(0);
  });
});

describe('per-client rate limit (RATE_LIMIT_PER_CLIENT_RPS)', () => {
  const burst = async (headers: Record<string, string>, n: number) => {
    const responses = await Promise.all(Array.from({ length: n }, () => post(stack!.url, { query: HEALTHY }, headers)));
    return responses;
  };

  it('is off by default: a burst of 30 requests all succeed', async () => {
    stack = await startStack();
    expect((await burst({}, 30)).map((r) => r.status)).toEqual(Array(30).fill(200));
  });

  it('answers 429 with Retry-After past the limit, per principal when authenticated', async () => {
    stack = await startStack({ env: { RATE_LIMIT_PER_CLIENT_RPS: '5', AUTH_JWT_SECRET: SECRET } });
    const alice = bearer(await token({ sub: 'alice' }));
    const bob = bearer(await token({ sub: 'bob' }));
    const statuses = (await burst(alice, 8)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const refused = await post(stack.url, { query: HEALTHY }, alice);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // A 429 is worth retrying once the window has passed: the body says so, and when, as the header does.
    expect(((await refused.json()) as any).errors[0].extensions).toEqual({ code: 'LIMIT_EXCEEDED', retryable: true, retryAfter });
    // Another principal from the same address has its own budget.
    expect((await post(stack.url, { query: HEALTHY }, bob)).status).toBe(200);
  });

  it('keys anonymous clients by IP, and believes X-Forwarded-For only as far as TRUST_PROXY says', async () => {
    stack = await startStack({ env: { RATE_LIMIT_PER_CLIENT_RPS: '3' } });
    // TRUST_PROXY=0: a spoofed X-Forwarded-For does not buy a fresh budget.
    const spoofed = await Promise.all(Array.from({ length: 6 }, (_, i) => post(stack!.url, { query: HEALTHY }, { 'x-forwarded-for': `10.0.0.${i}` })));
    expect(spoofed.filter((r) => r.status === 429)).toHaveLength(3);
    await stack.close();
    stack = await startStack({ env: { RATE_LIMIT_PER_CLIENT_RPS: '3', TRUST_PROXY: '1' } });
    // Behind one trusted proxy, each client address has its own budget...
    const clients = await Promise.all(Array.from({ length: 6 }, (_, i) => post(stack!.url, { query: HEALTHY }, { 'x-forwarded-for': `10.0.0.${i}` })));
    expect(clients.map((r) => r.status)).toEqual(Array(6).fill(200));
    // ...and a client prepending its own entries is still keyed by what the trusted proxy appended.
    const forged = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post(stack!.url, { query: HEALTHY }, { 'x-forwarded-for': `192.168.0.${i}, 10.0.0.99` })),
    );
    expect(forged.filter((r) => r.status === 429)).toHaveLength(3);
  });
});
