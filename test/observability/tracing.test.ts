// The span tree of one request, with the SDK registered the way otel-sdk.ts does it and an in-memory
// exporter: operation span (continuing the caller's traceparent) → loader batch span → Glue call spans.
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startTracing, type Tracing } from '../../src/observability/otel-sdk.js';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { startStack, type Stack } from '../helpers/stack.js';
import { record, waitFor } from '../helpers/ws.js';

const T = DEMO.transforms.customers;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

describe('OpenTelemetry spans', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let stack: Stack;
  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'glue-ml-graphql-test', exporter });
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
    await tracing.shutdown();
  });
  beforeEach(() => exporter.reset());

  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }).then(
      (r) => r.json() as Promise<{ data?: any; errors?: any[] }>,
    );
  const byName = (spans: ReadableSpan[], prefix: string) => spans.filter((s) => s.name.startsWith(prefix));
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;

  it('continues the caller\'s trace: operation → loader batch → one span per Glue call', async () => {
    const [a, b] = [DEMO.runs.runningFindMatches, DEMO.runs.startingEvaluation];
    const res = await post(
      `query Poll { x: mlTaskRun(transformId: "${T}", taskRunId: "${a}") { status } y: mlTaskRun(transformId: "${T}", taskRunId: "${b}") { status } }`,
      { traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` },
    );
    expect(res.errors).toBeUndefined();
    const spans = exporter.getFinishedSpans();

    const [operation] = byName(spans, 'query Poll');
    expect(operation).toBeDefined();
    expect(operation!.kind).toBe(SpanKind.SERVER);
    expect(operation!.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(operation!)).toBe(CALLER_SPAN_ID);
    expect(operation!.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'Poll' });

    const batches = byName(spans, 'GetMLTaskRun loader batch');
    expect(batches).toHaveLength(1);
    expect(parentOf(batches[0]!)).toBe(operation!.spanContext().spanId);
    expect(batches[0]!.attributes['gateway.loader.batch_size']).toBe(2);

    const calls = byName(spans, 'Glue.GetMLTaskRun');
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(call)).toBe(batches[0]!.spanContext().spanId);
      expect(call.spanContext().traceId).toBe(TRACE_ID);
      expect(call.attributes).toMatchObject({ 'rpc.system': 'aws-api', 'rpc.service': 'Glue', 'rpc.method': 'GetMLTaskRun' });
    }
    expect(spans.every((s) => s.spanContext().traceId === TRACE_ID)).toBe(true);
  });

  it('starts a new trace without a traceparent, and marks a failed Glue call and its operation with the error code', async () => {
    const res = await post(`{ mlTaskRun(transformId: "${T}", taskRunId: "tskr-missing") { status } }`);
    expect(res.errors![0]!.extensions.code).toBe('NOT_FOUND');
    const spans = exporter.getFinishedSpans();
    const [operation] = byName(spans, 'query anonymous');
    expect(parentOf(operation!)).toBeUndefined();
    expect(operation!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'NOT_FOUND' });
    const [call] = byName(spans, 'Glue.GetMLTaskRun');
    expect(call!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'NOT_FOUND' });
    expect(call!.attributes['error.type']).toBe('NOT_FOUND');
    expect(call!.spanContext().traceId).toBe(operation!.spanContext().traceId);
    // No stack traces or messages in span data.
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.events, s.status]))).not.toMatch(/at .*\.(ts|js):\d+|exception\.stacktrace/);
  });

  it('a cache hit sends no Glue call: the batch span records the hit instead', async () => {
    const r = DEMO.runs.succeededEvaluation;
    await post(`{ mlTaskRun(transformId: "${T}", taskRunId: "${r}") { status } }`);
    exporter.reset();
    await post(`{ mlTaskRun(transformId: "${T}", taskRunId: "${r}") { status } }`);
    const spans = exporter.getFinishedSpans();
    expect(byName(spans, 'Glue.')).toHaveLength(0);
    const [batch] = byName(spans, 'GetMLTaskRun loader batch');
    expect(batch!.events.map((e) => e.name)).toEqual(['finished-run cache hit']);
  });

  it('over WebSocket too: a subscription continues the trace of its upgrade request, and its span ends with it', async () => {
    const traceparent = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;
    // Node's graphql-ws client: the upgrade request carries the caller's traceparent header.
    class TracedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { traceparent } });
      }
    }
    const client = createClient({ url: stack.url.replace(/^http/, 'ws'), webSocketImpl: TracedWebSocket, retryAttempts: 0, lazy: true });
    try {
      const r = DEMO.runs.succeededEvaluation;
      const received = record(client, `subscription Follow { mlTaskRunUpdated(transformId: "${T}", taskRunId: "${r}") { status } }`);
      await received.ended;
      expect(received.results[0]?.data?.mlTaskRunUpdated.status).toBe('SUCCEEDED');
      await waitFor('the subscription span to end', () => byName(exporter.getFinishedSpans(), 'subscription Follow').length === 1);
      const [operation] = byName(exporter.getFinishedSpans(), 'subscription Follow');
      expect(operation!.kind).toBe(SpanKind.SERVER);
      expect(operation!.spanContext().traceId).toBe(TRACE_ID);
      expect(parentOf(operation!)).toBe(CALLER_SPAN_ID);
    } finally {
      await client.dispose();
    }
  });
});
