// The HTTP handler cuts an attempt of a policy call at the call's deadline, and leaves other requests
// to its configured timeout. Real sockets against a server that never answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequest } from '@smithy/core/protocols';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagAttemptRequest } from '../../src/glue/call-scope.js';
import { DeadlineHttpHandler } from '../../src/glue/deadline-http-handler.js';

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer(() => undefined); // never answers
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request = () => new HttpRequest({ protocol: 'http:', hostname: '127.0.0.1', port, method: 'POST', path: '/', headers: {}, body: '{}' });

async function failsAfter(handler: DeadlineHttpHandler, req: HttpRequest): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await handler.handle(req).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: Date.now() - started, error };
}

describe('DeadlineHttpHandler', () => {
  it("times an attempt out at its call's deadline, not at the configured request timeout", async () => {
    const handler = new DeadlineHttpHandler({ requestTimeout: 5_000, throwOnRequestTimeout: true });
    const req = request();
    tagAttemptRequest(req, { operation: 'GetMLTaskRun', deadlineAt: Date.now() + 150, order: 0 });
    const { ms, error } = await failsAfter(handler, req);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(ms).toBeGreaterThanOrEqual(120);
    expect(ms).toBeLessThan(2_000);
    handler.destroy();
  });

  it('leaves a request outside any call to the configured timeout', async () => {
    const handler = new DeadlineHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true });
    const { ms, error } = await failsAfter(handler, request());
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(ms).toBeGreaterThanOrEqual(250);
    handler.destroy();
  });
});
