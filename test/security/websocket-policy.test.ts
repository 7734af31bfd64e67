// The document rules and the credential lifetime over real WebSockets, as over HTTP: `_service` only
// for the router (FEDERATION_ROUTER_SECRET in production), only manifest operations in safelist mode,
// and no operation from a connection whose token has expired, even before its 4403 close has run.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { DEMO } from '../../src/emulator/index.js';
import { ROUTER_SECRET_HEADER } from '../../src/http/operation-policy.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { answer, connect, send, token, SECRET } from './helpers.js';

const SDL = '{ _service { sdl } }';
const ROUTER_SECRET = 'router-secret-0123456789abcdef0123';
const CANCEL = `mutation { cancelMLTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.runningFindMatches}") { taskRunId } }`;

const sockets: WebSocket[] = [];
async function open(stack: Stack, headers: Record<string, string> = {}, init: Record<string, unknown> = {}) {
  const connection = await connect(stack.url, headers, init);
  sockets.push(connection.socket);
  expect(await connection.outcome).toBe('ack');
  return connection;
}
/** Sends one operation on a fresh id and waits for its first answer. */
let ids = 0;
async function run(socket: WebSocket, payload: Record<string, unknown>) {
  const id = `op${(ids += 1)}`;
  const reply = answer(socket, id);
  send(socket, { id, type: 'subscribe', payload });
  return reply;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: Stack | undefined;
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await stack?.close();
  stack = undefined;
});

describe('`_service` over WebSocket', () => {
  it('in production with FEDERATION_ROUTER_SECRET, answers only connections whose upgrade carries the secret', async () => {
    stack = await startStack({ env: { NODE_ENV: 'production', FEDERATION_ROUTER_SECRET: ROUTER_SECRET } });
    const router = await open(stack, { [ROUTER_SECRET_HEADER]: ROUTER_SECRET });
    expect((await run(router.socket, { query: SDL })).payload.data._service.sdl).toContain('type MLTransform');
    for (const headers of [{}, { [ROUTER_SECRET_HEADER]: `${ROUTER_SECRET}x` }, { [ROUTER_SECRET_HEADER]: '' }] as Array<Record<string, string>>) {
      const caller = await open(stack, headers);
      const refused = await run(caller.socket, { query: SDL });
      expect(refused.type).toBe('error');
      expect(refused.payload[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(refused.payload[0].message).toContain('FEDERATION_ROUTER_SECRET');
      // Hidden in a subscription document or beside another field, it is refused just the same.
      const hidden = await run(caller.socket, { query: `{ mlTransform(transformId: "${DEMO.transforms.customers}") { transformId } _service { sdl } }` });
      expect(hidden.payload[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('in production without the secret, refuses it to everyone; in development it stays open', async () => {
    stack = await startStack({ env: { NODE_ENV: 'production' } });
    const caller = await open(stack, { [ROUTER_SECRET_HEADER]: ROUTER_SECRET });
    expect((await run(caller.socket, { query: SDL })).payload[0].extensions.code).toBe('FORBIDDEN');
    await stack.close();
    stack = await startStack({ env: { NODE_ENV: 'development' } });
    const tool = await open(stack);
    expect((await run(tool.socket, { query: SDL })).payload.data._service.sdl).toContain('type MLTransform');
  });
});

describe('safelist mode over WebSocket (PERSISTED_QUERIES_SAFELIST=true)', () => {
  it('runs the committed subscription and refuses any other operation with FORBIDDEN before any Glue call', async () => {
    stack = await startStack({ env: { PERSISTED_QUERIES_SAFELIST: 'true' } });
    const { socket } = await open(stack);
    const follow = readFileSync(new URL('../../examples/follow-task-run.graphql', import.meta.url), 'utf8');
    const variables = JSON.parse(readFileSync(new URL('../../examples/follow-task-run.variables.json', import.meta.url), 'utf8'));
    const allowed = await run(socket, { query: follow, variables });
    expect(allowed.type).toBe('next');
    expect(allowed.payload.data.mlTaskRunUpdated.taskRunId).toBe(variables.taskRunId);
    stack.emulator.stats.reset();
    // The same subscription asking for one field more, and an ad-hoc query: neither is in the manifest.
    const widened = follow.replace('errorString', 'errorString\n    transformId');
    for (const query of [widened, `{ mlTaskRun(transformId: "${variables.transformId}", taskRunId: "${variables.taskRunId}") { status } }`]) {
      const refused = await run(socket, { query, variables: query === widened ? variables : undefined });
      expect(refused.type).toBe('error');
      expect(refused.payload[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(refused.payload[0].message).toContain('PERSISTED_QUERIES_SAFELIST');
    }
    await sleep(100);
    expect(stack.emulator.stats.total).toBe(0);
  });
});

describe('a subscribe after the token expired, before the 4403 close has run', () => {
  it('is refused with UNAUTHENTICATED and never executed', async () => {
    stack = await startStack({ env: { GRAPHQL_MUTATIONS: 'true', AUTH_JWT_SECRET: SECRET } });
    // The gateway shares this process's event loop. The subscribe is written just before `exp`, then the
    // loop is kept busy past `exp`: once free, it reads the message (I/O) before it runs the due expiry
    // timer, as a loaded gateway would. A late wake-up (after `exp`) cannot set that up: try again.
    for (let attempt = 1; ; attempt += 1) {
      const jwt = await token({ scope: 'glue-ml:write' }, { ttlSeconds: 2 });
      const exp = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).exp * 1000;
      const { socket, ended } = await open(stack, {}, { authorization: `Bearer ${jwt}` });
      stack.emulator.stats.reset();
      await sleep(Math.max(0, exp - Date.now() - 150));
      if (Date.now() > exp - 40) {
        socket.terminate();
        if (attempt < 3) continue;
        throw new Error('woke up after the token expired three times: the machine is too busy for this test');
      }
      const reply = answer(socket, 'late');
      send(socket, { id: 'late', type: 'subscribe', payload: { query: CANCEL } });
      while (Date.now() < exp + 30); // busy past exp
      const refused = await Promise.race([reply, ended.then(() => 'closed without an answer')]);
      expect(refused.type).toBe('error');
      expect(refused.payload[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await ended).code).toBe(4403);
      await sleep(100);
      expect(stack.emulator.stats.calls.CancelMLTaskRun ?? 0).toBe(0);
      return;
    }
  });
});
