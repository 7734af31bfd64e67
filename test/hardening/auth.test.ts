import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { record, wsClient } from '../helpers/ws.js';

const QUERY = `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { status } }`;
const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const API_KEY = 'key-0123456789abcdef';

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });

async function expectUnauthenticated(res: Response, stack: Stack, reason: RegExp) {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Bearer');
  const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
  expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  expect(body.errors[0]!.message).toMatch(reason);
  expect(stack.emulator.stats.total).toBe(0);
}

/** Collects the gateway's JSON log lines, to prove what they never contain. */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('authentication with a shared-secret JWT or an API key', () => {
  let stack: Stack;
  const logs = capturedLogger();
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ env: { AUTH_JWT_SECRET: SECRET, AUTH_JWT_AUDIENCE: 'glue-ml', AUTH_API_KEYS: `other-key-000000000,${API_KEY}` }, logger: logs.logger });
    token = await new SignJWT({ scope: 'read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-42')
      .setAudience('glue-ml')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it('accepts a valid bearer JWT and a valid API key', async () => {
    for (const headers of [{ authorization: `Bearer ${token}` }, { 'x-api-key': API_KEY }] as Array<Record<string, string>>) {
      const res = await post(stack.url, headers);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { mlTaskRun: { status: 'SUCCEEDED' } } });
    }
  });

  it('rejects missing, malformed, forged, expired and wrong-audience credentials with 401 UNAUTHENTICATED and no Glue call', async () => {
    const key = new TextEncoder().encode(SECRET);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience('glue-ml').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(key);
    const wrongAudience = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience('other').sign(key);
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience('glue-ml').sign(new TextEncoder().encode('x'.repeat(40)));
    await expectUnauthenticated(await post(stack.url), stack, /Missing credentials/);
    await expectUnauthenticated(await post(stack.url, { authorization: 'Basic dXNlcjpwYXNz' }), stack, /Missing credentials/);
    await expectUnauthenticated(await post(stack.url, { authorization: `Bearer ${expired}` }), stack, /ERR_JWT_EXPIRED/);
    await expectUnauthenticated(await post(stack.url, { authorization: `Bearer ${wrongAudience}` }), stack, /ERR_JWT_CLAIM_VALIDATION_FAILED/);
    await expectUnauthenticated(await post(stack.url, { authorization: `Bearer ${forged}` }), stack, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    await expectUnauthenticated(await post(stack.url, { 'x-api-key': 'key-0123456789abcdeX' }), stack, /Invalid API key/);
    await expectUnauthenticated(await fetch(`${stack.url}?query=${encodeURIComponent(QUERY)}`, { headers: { 'apollo-require-preflight': '1' } }), stack, /Missing/);
  });

  it('keeps /healthz and /readyz reachable without credentials, and lets CORS preflights through', async () => {
    expect((await fetch(new URL('/healthz', stack.url))).status).toBe(200);
    expect((await fetch(new URL('/readyz', stack.url))).status).toBe(200);
    const preflight = await fetch(stack.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(preflight.status).not.toBe(401);
  });

  it('never logs credentials, Authorization headers or tokens, but logs request ids and Glue request ids', async () => {
    await post(stack.url, { authorization: `Bearer ${token}`, 'x-request-id': 'req-abc-123' });
    await post(stack.url, { 'x-api-key': API_KEY });
    await post(stack.url, { authorization: `Bearer ${token}.tampered` });
    await post(stack.url, { authorization: 'Basic dXNlcjpwYXNz' });
    await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ query: `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "tskr-missing") { id } }` }),
    });
    const all = logs.lines.join('\n');
    for (const secret of [SECRET, API_KEY, token, token.split('.')[1]!, token.split('.')[2]!, 'dXNlcjpwYXNz']) expect(all).not.toContain(secret);
    const ops = logs.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'GraphQL operation');
    expect(ops.find((l) => l.requestId === 'req-abc-123')).toMatchObject({ outcome: 'success', principal: 'user-42' });
    const failed = logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'GetMLTaskRun failed');
    expect(failed).toMatchObject({ error: 'EntityNotFoundException', glueRequestId: expect.stringMatching(/\S+/), requestId: expect.any(String) });
  });
});

describe('authentication with a JWKS URL', () => {
  let stack: Stack;
  let jwks: Server;
  let sign: (sub: string) => Promise<string>;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    sign = (sub) => new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject(sub).setIssuer('https://issuer.test').setExpirationTime('5m').sign(privateKey);
    stack = await startStack({ env: { AUTH_JWKS_URL: url, AUTH_JWT_ISSUER: 'https://issuer.test' } });
  });
  afterAll(async () => {
    await stack.close();
    jwks.close();
  });

  it('accepts a token signed by a key from the set; rejects API keys (not configured) and HS256 tokens', async () => {
    expect((await post(stack.url, { authorization: `Bearer ${await sign('svc')}` })).status).toBe(200);
    stack.emulator.stats.reset();
    await expectUnauthenticated(await post(stack.url, { 'x-api-key': API_KEY }), stack, /API keys are not accepted/);
    const hs = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://issuer.test').sign(new TextEncoder().encode(SECRET));
    await expectUnauthenticated(await post(stack.url, { authorization: `Bearer ${hs}` }), stack, /Invalid token/);
  });
});

describe('authentication of WebSocket subscriptions', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { AUTH_API_KEYS: API_KEY, SUBSCRIPTION_POLL_INTERVAL_MS: '50' } });
  });
  afterAll(() => stack.close());

  const SUBSCRIPTION = `subscription { mlTaskRunUpdated(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { status } }`;

  it('refuses a connection without valid credentials (4403) and calls Glue for none', async () => {
    stack.emulator.stats.reset();
    for (const params of [undefined, { 'x-api-key': 'key-wrong-000000000000' }, { authorization: 'Bearer nope' }] as Array<Record<string, string> | undefined>) {
      const client = wsClient(stack.url, params);
      const sub = record(client, SUBSCRIPTION);
      await sub.ended;
      expect((sub.error as { code?: number }).code).toBe(4403);
      expect(sub.results).toEqual([]);
      await client.dispose();
    }
    expect(stack.emulator.stats.calls.GetMLTaskRun ?? 0).toBe(0);
  });

  it('accepts credentials in connection_init and streams the run', async () => {
    const client = wsClient(stack.url, { 'x-api-key': API_KEY });
    const sub = record(client, SUBSCRIPTION);
    await sub.ended;
    expect(sub.error).toBeUndefined();
    expect(sub.results.map((r) => r.data?.mlTaskRunUpdated.status)).toEqual(['SUCCEEDED']);
    await client.dispose();
  });
});

describe('metrics with authentication on, and on a separate port', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { AUTH_API_KEYS: API_KEY, METRICS_PORT: '0' } });
  });
  afterAll(() => stack.close());

  it('serves /metrics on METRICS_PORT without credentials, and not on the GraphQL port', async () => {
    expect(stack.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(stack.app.metricsUrl!).port).not.toBe(new URL(stack.url).port);
    await post(stack.url, { 'x-api-key': API_KEY });
    const res = await fetch(stack.app.metricsUrl!);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# HELP /m);
    expect((await fetch(new URL('/metrics', stack.url))).status).toBe(404);
  });
});

describe('metrics on the GraphQL port with authentication on', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { AUTH_API_KEYS: API_KEY } });
  });
  afterAll(() => stack.close());

  it('stays reachable without credentials, like /healthz and /readyz', async () => {
    const res = await fetch(new URL('/metrics', stack.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# HELP /m);
  });
});
