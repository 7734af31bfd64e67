/**
 * HTTP wiring only: a plain node:http server with Apollo Server on /graphql (http/graphql-route.ts),
 * graphql-ws beside it, health endpoints, /metrics and optional authentication. Kept free of process concerns (env, signals) so tests can start any
 * number of gateways in one process.
 */
import { createServer, type Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import { createApolloServer } from './apollo.js';
import { HotResponses } from './cache/hot-responses.js';
import type { Config } from './config.js';
import { contextFactory, type GatewayContext } from './context.js';
import type { GlueApi } from './glue/operations.js';
import { createAuthenticator } from './http/auth.js';
import { corsHandler } from './http/cors.js';
import { sendHttpError, sendNotFound } from './http/errors.js';
import { graphqlRoute, type RequestHandler } from './http/graphql-route.js';
import { createReadiness, healthRoutes, type Readiness } from './http/health.js';
import { requestLimits } from './limits.js';
import { listen } from './listen.js';
import { metricsHandler, metricsServer } from './observability/metrics-endpoint.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { hotHitObserver } from './observability/operation-metrics-plugin.js';
import { buildSchema } from './schema.js';
import { createDefences } from './security/defences.js';
import { createPersistedQueryStore } from './security/persisted-queries.js';
import { createSubscriptionServer } from './subscriptions/subscription-server.js';
import { createTaskRunWatcher, type TaskRunWatcher } from './subscriptions/task-run-watcher.js';

export interface GatewayDeps {
  config: Config;
  glue: GlueApi;
  logger: Logger;
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Apollo Server's own cache (persisted queries etc.): the shared cache, so replicas share it too. */
  cache?: KeyValueCache<string>;
  /** Recorded into by the loaders; served on GET /metrics when config.metricsEnabled. */
  metrics?: GatewayMetrics;
  /** The pollers behind subscriptions, when shared by a fleet (REDIS_URL); one per process otherwise. */
  taskRunWatcher?: TaskRunWatcher;
  /** The shared cache's node-redis client (REDIS_URL), for rate limits every replica counts together. */
  redis?: unknown;
}

export interface Gateway {
  httpServer: Server;
  readiness: Readiness;
  /** The pollers behind subscriptions (their stats, for tests and metrics). */
  taskRunWatcher: TaskRunWatcher;
  /** Binds config.host:config.port (0 picks a free port) and resolves with the GraphQL URL. */
  listen(): Promise<{ url: string; port: number; metricsUrl?: string }>;
  /** Stops accepting connections and waits for in-flight operations (Apollo's drain plugin). */
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

export async function createGateway(deps: GatewayDeps): Promise<Gateway> {
  const { config, glue, logger, plugins = [], cache, metrics, redis } = deps;
  const defences = createDefences(config, { logger, redis });
  // Routes are set once Apollo has started; until then (start-up only) there is nothing to serve.
  let route: RequestHandler = (_req, res) => sendNotFound(res);
  const httpServer = createServer(defences.httpServerOptions, (req, res) => {
    try {
      route(req, res);
    } catch (err) {
      sendHttpError(res, err, logger);
    }
  });
  defences.configureHttpServer(httpServer);
  const readiness = createReadiness(glue, config.readinessCacheMs, metrics && ((ready) => metrics.ready.set(ready ? 1 : 0)));
  // One authenticator, one context builder and one set of limits for HTTP and WebSocket alike.
  const authenticate = config.auth ? createAuthenticator(config.auth) : undefined;
  const limits = requestLimits(config.limits, config.env === 'production');
  const schema = buildSchema({ mutations: config.mutations });
  const taskRunWatcher =
    deps.taskRunWatcher ??
    createTaskRunWatcher({ glue, logger, pollIntervalMs: config.subscriptions.pollIntervalMs, debugErrors: config.debugErrors });
  const createContext = contextFactory({ config, glue, logger, taskRunWatcher, metrics });

  const subscriptions = createSubscriptionServer({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    taskRunWatcher,
    createContext,
    authenticate,
    logger,
    validationRules: limits.validationRules,
    limits: { maxPerConnection: config.subscriptions.maxPerConnection, maxTotal: config.subscriptions.maxTotal },
    maxTokens: config.limits.maxTokens,
    introspection: config.introspection,
    production: config.env === 'production',
    debug: config.debugErrors,
    guards: defences.guards,
    origins: config.cors,
    connectionInitTimeoutMs: config.security.webSocket.connectionInitTimeoutMs,
    documentPolicy: defences.documentPolicy,
  });
  const persistedQueries = createPersistedQueryStore(config.security.persistedQueries, config.cache.redisUrl ? cache : undefined);
  const apollo = createApolloServer({
    config,
    schema,
    httpServer,
    limits,
    plugins: [subscriptions, ...defences.apolloPlugins, ...plugins],
    logger,
    metrics,
    cache,
    persistedQueries,
  });
  await apollo.start();

  const health = healthRoutes(readiness);
  // /metrics: off, on the GraphQL port, or (METRICS_PORT) on a port of its own.
  const servedMetrics = metrics && config.metricsEnabled ? metrics : undefined;
  const separateMetrics =
    servedMetrics && config.metricsPort !== undefined ? metricsServer(servedMetrics, config.host, config.metricsPort) : undefined;
  const metricsRoute = servedMetrics && !separateMetrics ? metricsHandler(servedMetrics) : undefined;
  const graphql = graphqlRoute({
    apollo,
    cors: corsHandler(config.cors),
    authenticate,
    admit: defences.admitHttp,
    maxBodyBytes: config.limits.maxBodyBytes,
    createContext,
    logger,
    // Beside the full-response cache, which it fronts (apollo.ts installs that under the same condition).
    hot: config.cache.responseCache && cache ? new HotResponses({ maxTtlSeconds: config.cache.finishedTtlSeconds }) : undefined,
    observeHotHit: hotHitObserver(logger, metrics),
  });
  route = (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (path === GRAPHQL_PATH || path === `${GRAPHQL_PATH}/`) graphql(req, res);
    else if (!health(req, res, path) && !metricsRoute?.(req, res, path)) sendNotFound(res);
  };

  return {
    httpServer,
    readiness,
    taskRunWatcher,
    async listen() {
      const { port, origin } = await listen(httpServer, config.port, config.host);
      const metricsUrl = separateMetrics ? (await separateMetrics.listen()).url : undefined;
      return { url: `${origin}${GRAPHQL_PATH}`, port, metricsUrl };
    },
    async stop() {
      await apollo.stop();
      await separateMetrics?.close();
    },
  };
}
