/**
 * What every resolver receives. Built fresh for each GraphQL operation, so the loaders' caches
 * live exactly as long as one operation and never serve one request's data to another.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Context as TraceContext } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { GlueApi } from './glue/api.js';
import { withListCallBudget } from './glue/call-budget.js';
import { logUpstreamError } from './glue/call.js';
import { createTaskRunLoader, type TaskRunLoader } from './glue/loader.js';
import type { Principal } from './http/auth.js';
import { createTransformLoader, type TransformLoader } from './glue/transform-loader.js';
import type { TaskRunWatcher } from './subscriptions/task-run-watcher.js';
import { observeLoaderBatches } from './observability/instrumentation.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { startOperationTrace } from './observability/tracing.js';

export interface GatewayContext {
  config: Config;
  /** Correlates this operation's log lines; also sent back as the `x-request-id` response header. */
  requestId: string;
  /** Carries `requestId`, so every line logged for this operation can be found together. */
  logger: Logger;
  /** The authenticated caller, when authentication is configured. */
  principal?: Principal;
  /** For calls no loader can batch (listings, mutations); reads of one run or transform go through `loaders`. */
  glue: GlueApi;
  /** The process-wide pollers behind `Subscription.mlTaskRunUpdated`. */
  taskRunWatcher: TaskRunWatcher;
  loaders: {
    taskRun: TaskRunLoader;
    transform: TransformLoader;
  };
  /** The OpenTelemetry context carrying this operation's span (a no-op span when tracing is off). */
  trace: TraceContext;
}

export interface ContextDeps {
  config: Config;
  glue: GlueApi;
  logger: Logger;
  requestId: string;
  principal?: Principal;
  taskRunWatcher: TaskRunWatcher;
  metrics?: GatewayMetrics;
  /** The incoming request's headers: a W3C `traceparent` there makes this operation part of the caller's trace. */
  headers?: IncomingHttpHeaders;
}

export function createContext(deps: ContextDeps): GatewayContext {
  const { config, logger: baseLogger, requestId, principal, taskRunWatcher, metrics, headers } = deps;
  const glue = withListCallBudget(deps.glue, config.maxListCallsPerRequest);
  const logger = baseLogger.child({ requestId });
  const trace = startOperationTrace(headers);
  return {
    config,
    requestId,
    logger,
    principal,
    glue,
    taskRunWatcher,
    trace,
    loaders: {
      taskRun: createTaskRunLoader(glue, {
        maxTaskRunsPerRequest: config.maxTaskRunsPerRequest,
        debugErrors: config.debugErrors,
        observeBatch: observeLoaderBatches(metrics, trace),
        onUpstreamError: (key, err) => logUpstreamError(logger, 'GetMLTaskRun', { ...key }, err),
      }),
      transform: createTransformLoader(glue, {
        debugErrors: config.debugErrors,
        onUpstreamError: (transformId, err) => logUpstreamError(logger, 'GetMLTransform', { transformId }, err),
      }),
    },
  };
}
