// Attacks on the WebSocket endpoint, made over real WebSockets against the gateway on the emulator:
// cross-site hijacking, outliving a token, too many connections, subscriptions and messages, and
// sockets that never say hello.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { closed, connect, nextMessage, send, token, upgrade, SECRET, WRITE_KEY } from './helpers.js';

const APP = 'https://status.example.com';
const CANCEL = `mutation { cancelMLTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.runningFindMatches}") { taskRunId } }`;
const FOLLOW = `subscription { mlTaskRunUpdated(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.startingEvaluation}") { status } }`;

const sockets: WebSocket[] = [];
async function open(stack: Stack, headers: Record<string, string> = {}, init: Record<string, unknown> = { 'x-api-key': WRITE_KEY }) {
  const connection = await connect(stack.url, headers, init);
  sockets.push(connection.socket);
  return connection;
}

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.terminate();
});

describe('WebSocket attacks', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        GRAPHQL_MUTATIONS: 'true',
        AUTH_JWT_SECRET: SECRET,
        AUTH_API_KEYS: WRITE_KEY,
        AUTH_WRITE_API_KEYS: WRITE_KEY,
        CORS_ORIGINS: APP,
        SUBSCRIPTIONS_MAX_CONNECTIONS_PER_CLIENT: '3',
        SUBSCRIPTIONS_MAX_PER_CLIENT: '4',
        WS_CONNECTION_INIT_TIMEOUT_MS: '300',
      },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it('refuses a cross-site upgrade with 403 before any message, so a hostile page cannot cancel a run', async () => {
    for (const origin of ['https://evil.test', 'https://evil-status.example.com', 'http://status.example.com', 'https://status.example.com:8443']) {
      expect((await upgrade(stack.url, { origin })).status).toBe(403);
    }
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('accepts the allowed origin and clients that send no Origin (non-browser clients)', async () => {
    for (const headers of [{ origin: APP }, {}] as Array<Record<string, string>>) {
      const { socket, outcome } = await open(stack, headers);
      expect(await outcome).toBe('ack');
      const result = nextMessage(socket, 'next');
      send(socket, { id: '1', type: 'subscribe', payload: { query: CANCEL } });
      expect((await result).payload.data.cancelMLTaskRun.taskRunId).toBe(DEMO.runs.runningFindMatches);
    }
  });

  it('checks each subscribe against the connection principal: a read-only credential cannot run a mutation over WebSocket', async () => {
    const readOnly = await token({ scope: 'glue-ml:read' });
    const { socket, outcome } = await open(stack, {}, { authorization: `Bearer ${readOnly}` });
    expect(await outcome).toBe('ack');
    const answer = nextMessage(socket, 'next');
    send(socket, { id: 'm', type: 'subscribe', payload: { query: CANCEL } });
    expect((await answer).payload.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(stack.emulator.stats.calls.CancelMLTaskRun ?? 0).toBe(0);
  });

  it('closes a connection with 4403 when its token expires, and its subscription ends with it', async () => {
    const jwt = await token({ scope: 'glue-ml:write' }, { ttlSeconds: 2 });
    const exp = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).exp * 1000;
    const { socket, outcome, ended } = await open(stack, {}, { authorization: `Bearer ${jwt}` });
    expect(await outcome).toBe('ack');
    const first = nextMessage(socket, 'next');
    send(socket, { id: 'follow', type: 'subscribe', payload: { query: FOLLOW } });
    expect((await first).payload.data.mlTaskRunUpdated.status).toBe('STARTING');
    const { code, at } = await ended;
    expect(code).toBe(4403);
    expect(at).toBeGreaterThanOrEqual(exp);
    expect(at - exp).toBeLessThan(1_500);
    // What the attack did next: the same socket cannot start anything now.
    stack.emulator.stats.reset();
    expect(socket.readyState).toBe(socket.CLOSED);
    send(socket, { id: '2', type: 'subscribe', payload: { query: CANCEL } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stack.emulator.stats.calls.CancelMLTaskRun ?? 0).toBe(0);
  });

  it('caps connections per client: the one over SUBSCRIPTIONS_MAX_CONNECTIONS_PER_CLIENT is closed with 1008', async () => {
    for (let i = 0; i < 3; i += 1) expect(await (await open(stack)).outcome).toBe('ack');
    const fourth = await open(stack);
    expect(await fourth.outcome).toMatchObject({ code: 1008 });
  });

  it('caps subscriptions per client across its connections (SUBSCRIPTIONS_MAX_PER_CLIENT)', async () => {
    const a = await open(stack);
    const b = await open(stack);
    await Promise.all([a.outcome, b.outcome]);
    const answers: Promise<any>[] = [];
    for (let i = 0; i < 5; i += 1) {
      const socket = i % 2 === 0 ? a.socket : b.socket;
      answers.push(Promise.race([nextMessage(socket, 'error').then((m) => (m.id === `s${i}` ? m : undefined)), nextMessage(socket, 'next')]));
      send(socket, { id: `s${i}`, type: 'subscribe', payload: { query: FOLLOW } });
      await answers[i];
    }
    const refused = (await Promise.all(answers)).filter((m) => m?.type === 'error');
    expect(refused).toHaveLength(1);
    expect(refused[0].payload[0].extensions.code).toBe('LIMIT_EXCEEDED');
    expect(refused[0].payload[0].message).toContain('SUBSCRIPTIONS_MAX_PER_CLIENT');
  });

  it('closes a socket that does not send connection_init in time with 4408', async () => {
    const { socket } = await upgrade(stack.url);
    sockets.push(socket!);
    expect((await closed(socket!)).code).toBe(4408);
  });
});

describe('rate limits on WebSocket messages', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { SUBSCRIBE_RATE_PER_CLIENT: '3', RATE_LIMIT_PER_CLIENT_RPS: '8' } });
  });
  afterAll(() => stack.close());

  it('refuses subscribe messages past SUBSCRIBE_RATE_PER_CLIENT with a retryable LIMIT_EXCEEDED and no Glue call', async () => {
    const { socket, outcome } = await open(stack, {}, {});
    await outcome;
    stack.emulator.stats.reset();
    const errors: any[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'error') errors.push(message);
    });
    // Six messages with connection_init: within RATE_LIMIT_PER_CLIENT_RPS, over SUBSCRIBE_RATE_PER_CLIENT.
    for (let i = 0; i < 5; i += 1) send(socket, { id: `s${i}`, type: 'subscribe', payload: { query: FOLLOW } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).toHaveLength(2);
    expect(errors[0].payload[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', retryable: true });
    expect(stack.emulator.stats.calls.GetMLTaskRun ?? 0).toBeLessThanOrEqual(1);
  });

  it('closes a socket that sends more than RATE_LIMIT_PER_CLIENT_RPS messages a second with 1008', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { socket, outcome, ended } = await open(stack, {}, {});
    await outcome;
    for (let i = 0; i < 20; i += 1) send(socket, { type: 'ping' });
    const { code, reason } = await ended;
    expect(code).toBe(1008);
    // A close frame carries no `retryable` flag: its reason says when to come back, as the HTTP 429 does.
    expect(reason).toMatch(/^Too many messages: retry after [1-9]\d* s \(RATE_LIMIT_PER_CLIENT_RPS\)\.$/);
  });
});
