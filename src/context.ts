/**
 * What every resolver receives. Built fresh for each GraphQL operation, over HTTP and WebSocket alike,
 * so the loaders' caches live exactly as long as one operation and never serve one request's data to
 * another. Its costly parts (the loaders, the budgeted Glue view, the request's child logger) are made
 * on first use, so an operation that never loads anything (`{ __typename }`, a response-cache hit)
 * does not pay for them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Context as TraceContext } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { markUnfinishedRuns, type ResponseCacheMark } from './cache/response-cache.js';
import type { Config } from './config.js';
import { withListAndDescribeBudget } from './data/call-budget.js';
import type { DataContext } from './data/data-context.js';
import { inRequestOrder } from './data/request-order.js';
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
  /** Set when a run this operation loaded may still change: its response is not stored whole. */
  responseCache: ResponseCacheMark;
}

/** One operation's request, whichever transport carried it. */
export interface OperationRequest {
  requestId: string;
  /** HTTP request headers, or the WebSocket upgrade's: a W3C `traceparent` joins the caller's trace. */
  headers: IncomingHttpHeaders;
  principal?: Principal;
}

export interface ContextFactoryDeps {
  config: Pick<Config, 'cacheControl' | 'maxTaskRunsPerRequest' | 'maxListCallsPerRequest' | 'debugErrors'> & {
    security: Pick<Config['security'], 's3AllowedPrefixes' | 'exposeAccountIds'>;
  };
  /** The process's Glue API (caches and coalescing included); each operation gets a budgeted view. */
  glue: GlueApi;
  logger: Logger;
  taskRunWatcher: TaskRunWatcher;
  metrics?: GatewayMetrics;
}

export type ContextFactory = (request: OperationRequest) => GatewayContext;

/**
 * The context of one operation. Its costly parts are accessors on the prototype, not own properties:
 * Apollo Server copies a context's own properties into a fresh object for each operation
 * (Object.assign, which would call getters), while the prototype and the shared `made` holder carry over.
 */
class OperationContext implements GatewayContext {
  readonly failures: GatewayContext['failures'];
  readonly responseCache: ResponseCacheMark = { unfinishedRun: false };
  /** When the operation began: its Glue calls go before those of later operations. */
  private readonly startedAt = Date.now();
  /** What has been made so far: one holder shared by the context and Apollo's copy of it. */
  private readonly made: { logger?: Logger; glue?: GlueApi; loaders?: GatewayContext['loaders'] } = {};

  constructor(
    private readonly deps: ContextFactoryDeps,
    readonly config: ResolverConfig,
    readonly requestId: string,
    readonly principal: Principal | undefined,
    readonly taskRunWatcher: TaskRunWatcher,
    readonly trace: TraceContext,
  ) {
    const made = this.made;
    const { logger: baseLogger } = deps;
    this.failures = {
      get logger() {
        return (made.logger ??= baseLogger.child({ requestId }));
      },
      debug: deps.config.debugErrors,
    };
  }

  get logger(): Logger {
    return this.failures.logger;
  }

  get glue(): GlueApi {
    const { glue, config } = this.deps;
    return (this.made.glue ??= markUnfinishedRuns(withListAndDescribeBudget(inRequestOrder(glue, this.startedAt), config.maxListCallsPerRequest), this.responseCache));
  }

  get loaders(): GatewayContext['loaders'] {
    return (this.made.loaders ??= {
      taskRun: createTaskRunLoader(this.glue, {
        maxTaskRunsPerRequest: this.deps.config.maxTaskRunsPerRequest,
        failures: this.failures,
        observeBatch: observeLoaderBatches(this.deps.metrics, this.trace),
      }),
      transform: createTransformLoader(this.glue, this.failures),
    });
  }
}

export function contextFactory(deps: ContextFactoryDeps): ContextFactory {
  const { config } = deps;
  const resolverConfig: ResolverConfig = {
    cacheControl: config.cacheControl,
    maxTaskRunsPerRequest: config.maxTaskRunsPerRequest,
    s3AllowedPrefixes: config.security.s3AllowedPrefixes,
    exposeAccountIds: config.security.exposeAccountIds,
  };
  return ({ requestId, headers, principal }) =>
    new OperationContext(deps, resolverConfig, requestId, principal, deps.taskRunWatcher, startOperationTrace(headers));
}
