/**
 * What every resolver receives. Built fresh for each GraphQL operation, over HTTP and WebSocket alike,
 * so the loaders' caches live exactly as long as one operation and never serve one request's data to
 * another.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Context as TraceContext } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { withListAndDescribeBudget } from './data/call-budget.js';
import type { DataContext } from './data/data-context.js';
import { createTaskRunLoader } from './data/task-run-loader.js';
import { createTransformLoader } from './data/transform-loader.js';
import type { GlueApi } from './glue/operations.js';
import type { Principal } from './http/auth.js';
import { observeLoaderBatches } from './observability/instrumentation.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { startOperationTrace } from './observability/spans.js';
import type { TaskRunWatcher } from './subscriptions/task-run-watcher.js';

/** The configuration resolvers read. */
export type ResolverConfig = Pick<Config, 'cacheControl' | 'maxTaskRunsPerRequest'> &
  Pick<Config['security'], 's3AllowedPrefixes' | 'exposeAccountIds'>;

export interface GatewayContext extends DataContext {
  config: ResolverConfig;
  /** Correlates this operation's log lines; also sent back as the `x-request-id` response header. */
  requestId: string;
  /** Carries `requestId`, so every line logged for this operation can be found together. */
  logger: Logger;
  /** The authenticated caller, when authentication is configured. */
  principal?: Principal;
  /** The process-wide pollers behind `Subscription.mlTaskRunUpdated`. */
  taskRunWatcher: TaskRunWatcher;
  /** The OpenTelemetry context carrying this operation's span (a no-op span when tracing is off). */
  trace: TraceContext;
}

/** One operation's request, whichever transport carried it. */
export interface OperationRequest {
  requestId: string;
  /** HTTP request headers, or the WebSocket upgrade's: a W3C `traceparent` joins the caller's trace. */
  headers: IncomingHttpHeaders;
  principal?: Principal;
}

export interface ContextFactoryDeps {
  config: Pick<Config, 'cacheControl' | 'maxTaskRunsPerRequest' | 'maxListCallsPerRequest' | 'debugErrors' | 'security'>;
  /** The process's Glue API (caches and coalescing included); each operation gets a budgeted view. */
  glue: GlueApi;
  logger: Logger;
  taskRunWatcher: TaskRunWatcher;
  metrics?: GatewayMetrics;
}

export type ContextFactory = (request: OperationRequest) => GatewayContext;

export function contextFactory({ config, glue, logger: baseLogger, taskRunWatcher, metrics }: ContextFactoryDeps): ContextFactory {
  const resolverConfig: ResolverConfig = {
    cacheControl: config.cacheControl,
    maxTaskRunsPerRequest: config.maxTaskRunsPerRequest,
    s3AllowedPrefixes: config.security.s3AllowedPrefixes,
    exposeAccountIds: config.security.exposeAccountIds,
  };
  return ({ requestId, headers, principal }) => {
    const budgetedGlue = withListAndDescribeBudget(glue, config.maxListCallsPerRequest);
    const logger = baseLogger.child({ requestId });
    const trace = startOperationTrace(headers);
    const failures = { logger, debug: config.debugErrors };
    return {
      config: resolverConfig,
      requestId,
      logger,
      principal,
      glue: budgetedGlue,
      failures,
      taskRunWatcher,
      trace,
      loaders: {
        taskRun: createTaskRunLoader(budgetedGlue, {
          maxTaskRunsPerRequest: config.maxTaskRunsPerRequest,
          failures,
          observeBatch: observeLoaderBatches(metrics, trace),
        }),
        transform: createTransformLoader(budgetedGlue, failures),
      },
    };
  };
}
