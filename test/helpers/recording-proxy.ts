/**
 * A pass-through HTTP proxy in front of the Glue emulator that records what the gateway sends: each
 * request's operation (from X-Amz-Target) and JSON input. Tests use it to check the exact criteria
 * that reach Glue, which the emulator's answers alone cannot show (e.g. a default sort sent explicitly).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  operation: string;
  input: Record<string, unknown>;
}

export interface RecordingProxy {
  endpoint: string;
  /** Where requests go; settable, since startStack starts the emulator behind the gateway itself. */
  upstream: string;
  calls: RecordedCall[];
  /** The inputs of every recorded call of `operation`, oldest first. */
  inputs(operation: string): Record<string, unknown>[];
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startRecordingProxy(upstream = ''): Promise<RecordingProxy> {
  const calls: RecordedCall[] = [];
  let proxy: RecordingProxy | undefined;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      calls.push({ operation: target.slice(target.indexOf('.') + 1), input: JSON.parse(body.toString('utf8') || '{}') });
      const headers: Record<string, string> = {};
      for (const name of ['x-amz-target', 'authorization', 'content-type']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(proxy!.upstream, { method: req.method, headers, body });
      const text = await answer.text();
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(text);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upstream,
    calls,
    inputs: (operation) => calls.filter((c) => c.operation === operation).map((c) => c.input),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return proxy;
}
