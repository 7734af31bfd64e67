/**
 * Tracing through the OpenTelemetry API only: every function here is a cheap no-op until an SDK is
 * registered (see otel-sdk.ts), so the code paths carry no SDK dependency and no cost when tracing is off.
 *
 * The span tree of one request: the GraphQL operation (a SERVER span, continuing the caller's W3C
 * `traceparent`) → one span per loader batch → one CLIENT span per Glue call actually sent.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';

const tracer = trace.getTracer('glue-ml-graphql');

/** Whether an SDK is registered (spans would record): the global provider is a proxy until one is. */
export function tracingRegistered(): boolean {
  const provider = trace.getTracerProvider() as { getDelegateTracer?: (name: string) => unknown };
  return typeof provider.getDelegateTracer !== 'function' || provider.getDelegateTracer('glue-ml-graphql') !== undefined;
}

const headerGetter: TextMapGetter<IncomingHttpHeaders> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => headers[key.toLowerCase()],
};

/**
 * Starts the span of one GraphQL operation, as a child of the incoming `traceparent` if there is one,
 * and returns the context that carries it. The operation tracing plugin names and ends the span.
 */
export function startOperationTrace(headers: IncomingHttpHeaders = {}): Context {
  const parent = propagation.extract(ROOT_CONTEXT, headers, headerGetter);
  const span = tracer.startSpan('GraphQL operation', { kind: SpanKind.SERVER }, parent);
  // No SDK registered (no exporter): the span records nothing, so the plugin need not name or end it.
  if (!span.isRecording()) return parent;
  return trace.setSpan(parent, span);
}

/** What `inSpan` hands its work while no SDK is registered: a span that records nothing. */
const NOT_RECORDING = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Runs `work` inside a new span under `parent` (the active context when omitted); ends it either way.
 * With no SDK registered, runs it at once: no span or context to make on every Glue call and batch.
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Record<string, string | number>; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  if (!tracingRegistered()) return work(NOT_RECORDING);
  const run = async (span: Span): Promise<T> => {
    try {
      return await work(span);
    } finally {
      span.end();
    }
  };
  const spanOptions = { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes };
  return options.parent ? tracer.startActiveSpan(name, spanOptions, options.parent, run) : tracer.startActiveSpan(name, spanOptions, run);
}

/** Marks a span failed with the gateway's error code only: no message or stack, which may carry internals. */
export function markSpanFailed(span: Span, code: string): void {
  span.setAttribute('error.type', code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

/** Names an operation's span after the operation (`query Poll`, `subscription anonymous`). */
export function nameOperationSpan(span: Span, type: string, operationName: string | null | undefined): void {
  span.updateName(`${type} ${operationName ?? 'anonymous'}`);
  span.setAttribute('graphql.operation.type', type);
  if (operationName) span.setAttribute('graphql.operation.name', operationName);
}
