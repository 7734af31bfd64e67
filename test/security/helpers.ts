/** Credentials and raw sockets for the attack tests: tokens with chosen claims, upgrades with chosen headers. */
import { SignJWT, type JWTPayload } from 'jose';
import WebSocket from 'ws';

export const SECRET = 'a-shared-secret-of-at-least-32-characters!';
export const READ_KEY = 'read-key-0123456789abcdef';
export const WRITE_KEY = 'write-key-0123456789abcdef';

/** An HS256 token (unless `alg` says otherwise) for subject `sub`, valid for `ttlSeconds` unless `exp: false`. */
export function token(
  claims: JWTPayload = {},
  { alg = 'HS256', ttlSeconds = 300, exp = true, secret = SECRET }: { alg?: string; ttlSeconds?: number; exp?: boolean; secret?: string } = {},
): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg }).setSubject(String(claims.sub ?? 'user-1'));
  if (exp) jwt = jwt.setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  return jwt.sign(new TextEncoder().encode(secret));
}

export const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

/** Opens a WebSocket upgrade with these headers: the HTTP status of a refusal, or an open socket. */
export function upgrade(httpUrl: string, headers: Record<string, string> = {}): Promise<{ status?: number; socket?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode });
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

/** Waits for a socket's close event: its code and reason. */
export function closed(socket: WebSocket): Promise<{ code: number; reason: string; at: number }> {
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() })));
}

/** Sends a graphql-ws message. */
export const send = (socket: WebSocket, message: Record<string, unknown>) => socket.send(JSON.stringify(message));

/** The next graphql-ws message of a given type. */
export function nextMessage(socket: WebSocket, type: string): Promise<any> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (message.type !== type) return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
  });
}

/** Upgrades, sends connection_init with `init`: the socket, and whether the server acknowledged it or closed it. */
export async function connect(httpUrl: string, headers: Record<string, string> = {}, init: Record<string, unknown> = {}) {
  const { socket, status } = await upgrade(httpUrl, headers);
  if (!socket) throw new Error(`upgrade refused with ${status}`);
  const acked = nextMessage(socket, 'connection_ack');
  const ended = closed(socket);
  send(socket, { type: 'connection_init', payload: init });
  return { socket, outcome: Promise.race([acked.then(() => 'ack' as const), ended]), ended };
}

/** The answer to operation `id`: its first `next` or its `error` message. */
export function answer(socket: WebSocket, id: string): Promise<any> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (message.id !== id || (message.type !== 'next' && message.type !== 'error')) return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
  });
}
