// Slow clients cannot hold sockets: partial headers and partial bodies are cut off at their timeouts,
// and sockets past HTTP_MAX_CONNECTIONS are refused. Raw TCP against the gateway.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when the server closes the socket: what it answered and when (ms after `since`). */
function serverCloses(socket: Socket, since: number): Promise<{ ms: number; answer: string }> {
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.once('close', () => resolve({ ms: Date.now() - since, answer })));
}

describe('slow clients', () => {
  let stack: Stack;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    stack = await startStack({ env: { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_MAX_CONNECTIONS: '4' } });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await stack.close();
  });

  it('cuts off partial headers after HTTP_HEADERS_TIMEOUT_MS and a partial body after HTTP_REQUEST_TIMEOUT_MS, with 408', async () => {
    const start = Date.now();
    const headers = await openSocket(stack.url);
    const body = await openSocket(stack.url);
    sockets.push(headers, body);
    headers.write('POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: appl');
    body.write('POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    const [h, b] = await Promise.all([serverCloses(headers, start), serverCloses(body, start)]);
    expect(h.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(h.ms).toBeGreaterThanOrEqual(1_000);
    expect(h.ms).toBeLessThan(4_000);
    expect(b.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(b.ms).toBeGreaterThanOrEqual(2_000);
    expect(b.ms).toBeLessThan(5_000);
  });

  it('refuses sockets past HTTP_MAX_CONNECTIONS and serves again once they go', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => openSocket(stack.url)));
    sockets.push(...held);
    const extra = await openSocket(stack.url);
    sockets.push(extra);
    const refused = await serverCloses(extra, Date.now());
    expect(refused.answer).toBe('');
    for (const s of held) s.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const res = await fetch(new URL('/healthz', stack.url));
    expect(res.status).toBe(200);
  });
});
