// With an OTLP endpoint, startTracing exports spans over OTLP/HTTP to <endpoint>/v1/traces: checked
// against a local HTTP server standing in for the collector.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { otlpTracesUrl, startTracing, type Tracing } from '../../src/observability/otel-sdk.js';
import { startStack, type Stack } from '../helpers/stack.js';

describe('OTLP/HTTP export', () => {
  const received: Array<{ url?: string; contentType?: string; body: string }> = [];
  const collector = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url, contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  let tracing: Tracing;
  let stack: Stack;
  beforeAll(async () => {
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`;
    tracing = startTracing({ serviceName: 'glue-ml-graphql-otlp-test', otlpEndpoint: endpoint });
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
    await tracing.shutdown();
    collector.close();
  });

  it('appends /v1/traces to the base endpoint', () => {
    expect(otlpTracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
  });

  it('sends the operation, batch and Glue call spans with the service name', async () => {
    const res = await stack.query(`query Exported { mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.runningFindMatches}") { status } }`);
    expect(res.errors).toBeUndefined();
    await tracing.flush();
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]!.url).toBe('/v1/traces');
    const body = received.map((r) => r.body).join('\n');
    expect(body).toContain('glue-ml-graphql-otlp-test');
    for (const name of ['query Exported', 'GetMLTaskRun loader batch', 'Glue.GetMLTaskRun']) expect(body).toContain(name);
  });
});
