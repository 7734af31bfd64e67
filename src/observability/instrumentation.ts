/**
 * The two observation points of a lookup, each recording both a metric and a span: a loader batch
 * (its size) and a Glue call actually sent (outcome and latency). They are hooks the loader and the
 * Glue API call around their work, so neither module depends on prom-client or OpenTelemetry.
 */
import { SpanKind, type Context } from '@opentelemetry/api';
import type { LoaderBatchObserver } from '../data/task-run-loader.js';
import { classifyGlueError } from '../glue/errors.js';
import type { UpstreamCallObserver } from '../glue/operations.js';
import { boundPerKey, type GatewayMetrics } from './metrics.js';
import { inSpan, markSpanFailed } from './spans.js';

export function observeUpstreamCalls(metrics: GatewayMetrics): UpstreamCallObserver {
  const seriesOf = boundPerKey((operation) => ({
    duration: metrics.upstreamDuration.labels({ operation }),
    ok: metrics.upstreamCalls.labels({ operation, outcome: 'ok' }),
  }));
  return (operation, call) =>
    inSpan(
      `Glue.${operation}`,
      { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'aws-api', 'rpc.service': 'Glue', 'rpc.method': operation } },
      async (span) => {
        const { duration, ok } = seriesOf(operation);
        const stopTimer = duration.startTimer();
        try {
          const result = await call();
          ok.inc();
          return result;
        } catch (err) {
          const { code } = classifyGlueError(err);
          metrics.upstreamCalls.inc({ operation, outcome: code });
          markSpanFailed(span, code);
          throw err;
        } finally {
          stopTimer();
        }
      },
    );
}

/** Batches of one operation become children of that operation's span (`operationTrace`). */
export function observeLoaderBatches(metrics: GatewayMetrics | undefined, operationTrace: Context): LoaderBatchObserver {
  return (size, batch) => {
    metrics?.loaderBatchSize.observe(size);
    return inSpan('GetMLTaskRun loader batch', { parent: operationTrace, attributes: { 'gateway.loader.batch_size': size } }, () =>
      batch(),
    );
  };
}
