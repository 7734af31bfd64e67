/**
 * The one place the OpenTelemetry SDK is set up. Everything else uses only @opentelemetry/api, which
 * stays a no-op until this registers a provider: with OTEL_EXPORTER_OTLP_ENDPOINT set, `npm start`
 * calls startTracing and spans are batched and exported over OTLP/HTTP. Registering also installs the
 * AsyncLocalStorage context manager and the W3C trace-context propagator that reads `traceparent`.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';

export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); traces go to `<endpoint>/v1/traces`. */
  otlpEndpoint?: string;
  /** Another exporter instead of OTLP, exported span by span (tests pass an InMemorySpanExporter). */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Exports what is buffered now. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

export function startTracing(options: TracingOptions): Tracing {
  let processor;
  if (options.exporter) {
    processor = new SimpleSpanProcessor(options.exporter);
  } else if (options.otlpEndpoint) {
    processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(options.otlpEndpoint) }));
  } else {
    throw new Error('startTracing needs an OTLP endpoint or an exporter');
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [processor],
  });
  provider.register();
  return { flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
