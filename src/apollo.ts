/**
 * The Apollo Server of a gateway: the schema with its request limits, the last step every error takes
 * (formatError), and the plugins in the order they must run.
 */
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import { responseCachePlugins } from './cache/response-cache.js';
import type { Config } from './config.js';
import type { GatewayContext } from './context.js';
import { formatError } from './format-error.js';
import { graphqlOverHttpStatusPlugin } from './http/graphql-over-http.js';
import { staleWarningsPlugin } from './http/stale-warnings.js';
import { KnownOperationTypesRule } from './known-operation-types.js';
import { landingPagePlugin } from './landing-page.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { operationMetricsPlugin } from './observability/operation-metrics-plugin.js';
import { operationTracingPlugin } from './observability/operation-tracing-plugin.js';
import { requestLogPlugin } from './request-log.js';

export interface ApolloServerDeps {
  config: Pick<Config, 'introspection' | 'sandbox' | 'debugErrors' | 'batchedRequests' | 'limits' | 'shutdown'> & {
    cache: Pick<Config['cache'], 'responseCache' | 'finishedTtlSeconds'>;
  };
  schema: GraphQLSchema;
  httpServer: Server;
  /** graphql-armor's limits: validation rules and the plugins that go with them. */
  limits: { plugins: ApolloServerPlugin<GatewayContext>[]; validationRules: ValidationRule[] };
  /** Plugins of other parts (subscriptions) and of the caller, run after the built-in ones. */
  plugins: ApolloServerPlugin<GatewayContext>[];
  logger: Logger;
  metrics?: GatewayMetrics;
  /** Apollo Server's own cache: the shared cache, so replicas share it too. */
  cache?: KeyValueCache<string>;
  /** Automatic persisted queries: a bounded store of their own (security/persisted-queries.ts). */
  persistedQueries?: KeyValueCache<string>;
}

export function createApolloServer({ config, schema, httpServer, limits, plugins, logger, metrics, cache, persistedQueries }: ApolloServerDeps) {
  const debug = config.debugErrors;
  return new ApolloServer<GatewayContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: debug,
    // index.ts owns signals: it stops the gateway and the embedded emulator together.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: config.batchedRequests,
    validationRules: [KnownOperationTypesRule, ...limits.validationRules],
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError: (formatted, error) => formatError(formatted, error, { debug }),
    plugins: [
      // Drains in-flight operations on stop; after the grace period, remaining connections are cut.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdown.graceMs }),
      landingPagePlugin(config),
      requestLogPlugin(logger),
      ...limits.plugins,
      graphqlOverHttpStatusPlugin(),
      // Before the response cache: it never stores a response that carries warnings.
      staleWarningsPlugin(),
      // Needs the shared cache; without it (unit tests' bare servers) there is nothing to share.
      ...(config.cache.responseCache && cache ? responseCachePlugins({ cache, maxTtlSeconds: config.cache.finishedTtlSeconds, metrics }) : []),
      operationTracingPlugin(),
      ...(metrics ? [operationMetricsPlugin(metrics)] : []),
      ...plugins,
    ],
    logger,
    ...(cache ? { cache } : {}),
    ...(persistedQueries ? { persistedQueries: { cache: persistedQueries } } : {}),
  });
}
