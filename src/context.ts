/**
 * What every resolver receives. Built fresh for each GraphQL operation, so the loaders' caches
 * live exactly as long as one operation and never serve one request's data to another.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Context as TraceContext } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { GlueApi } from './glue/api.js';
import { createTaskRunLoader, type TaskRunLoader } from './glue/loader.js';
import { observeLoaderBatches } from './observability/instrumentation.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { startOperationTrace } from './observability/tracing.js';

export interface GatewayContext {
  config: Config;
  logger: Logger;
  loaders: {
    taskRun: TaskRunLoader;
  };
  /** The OpenTelemetry context carrying this operation's span (a no-op span when tracing is off). */
  trace: TraceContext;
}

export interface ContextDeps {
  config: Config;
  glue: GlueApi;
  logger: Logger;
  metrics?: GatewayMetrics;
  /** The incoming request's headers: a W3C `traceparent` there makes this operation part of the caller's trace. */
  headers?: IncomingHttpHeaders;
}

export function createContext({ config, glue, logger, metrics, headers }: ContextDeps): GatewayContext {
  const trace = startOperationTrace(headers);
  return {
    config,
    logger,
    trace,
    loaders: {
      taskRun: createTaskRunLoader(glue, {
        maxTaskRunsPerRequest: config.maxTaskRunsPerRequest,
        debugErrors: config.debugErrors,
        observeBatch: observeLoaderBatches(metrics, trace),
        onUpstreamError: (key, err) => {
          const e = err as { name?: string; $metadata?: { requestId?: string } };
          logger.warn(
            { transformId: key.transformId, taskRunId: key.taskRunId, error: e.name, glueRequestId: e.$metadata?.requestId },
            'GetMLTaskRun failed',
          );
        },
      }),
    },
  };
}
