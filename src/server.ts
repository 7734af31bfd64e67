/**
 * HTTP wiring: Express 5 with Apollo Server on /graphql, health endpoints, optional authentication.
 * Kept free of process concerns (env, signals) so tests can start any number of gateways in one process.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createContext, type GatewayContext } from './context.js';
import { formatError } from './format-error.js';
import type { GlueApi } from './glue/api.js';
import { authMiddleware, createAuthenticator, type Principal } from './http/auth.js';
import { corsMiddleware } from './http/cors.js';
import { httpErrorHandler } from './http/errors.js';
import { graphqlOverHttpStatusPlugin, varyOnAccept } from './http/graphql-over-http.js';
import { createReadiness, healthRoutes, type Readiness } from './http/health.js';
import { KnownOperationTypesRule } from './known-operation-types.js';
import { landingPagePlugin } from './landing-page.js';
import { requestLimits } from './limits.js';
import { requestIdFrom, requestLogPlugin } from './request-log.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { displayHost, metricsHandler, metricsServer } from './observability/metrics-endpoint.js';
import { operationMetricsPlugin } from './observability/operation-metrics-plugin.js';
import { operationTracingPlugin } from './observability/tracing.js';
import { buildSchema } from './schema.js';
import { createSubscriptionServer } from './subscriptions/subscription-server.js';
import type { TaskRunWatcher } from './subscriptions/task-run-watcher.js';

export interface GatewayDeps {
  config: Config;
  glue: GlueApi;
  logger: Logger;
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Apollo Server's own cache (persisted queries etc.): the shared cache, so replicas share it too. */
  cache?: KeyValueCache<string>;
  /** Recorded into by the loaders; served on GET /metrics when config.metricsEnabled. */
  metrics?: GatewayMetrics;
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

export async function createGateway({ config, glue, logger, plugins = [], cache, metrics }: GatewayDeps): Promise<Gateway> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const debug = config.debugErrors;
  const readiness = createReadiness(glue, config.readinessCacheMs, metrics && ((ready) => metrics.ready.set(ready ? 1 : 0)));
  // One authenticator for HTTP requests and WebSocket connections alike.
  const authenticate = config.auth ? createAuthenticator(config.auth) : undefined;
  const limits = requestLimits(config.limits, config.env === 'production');
  const schema = buildSchema({ mutations: config.mutations });
  const subscriptions = createSubscriptionServer({
    httpServer,
    path: '/graphql',
    schema,
    config,
    glue,
    logger,
    createContext: (taskRunWatcher, principal) =>
      createContext({ config, glue, logger, taskRunWatcher, principal, metrics, requestId: randomUUID() }),
    authenticate,
    validationRules: limits.validationRules,
  });
  const { taskRunWatcher } = subscriptions;

  const apollo = new ApolloServer<GatewayContext>({
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
      subscriptions.plugin,
      landingPagePlugin(config),
      requestLogPlugin(),
      ...limits.plugins,
      graphqlOverHttpStatusPlugin(),
      operationTracingPlugin(),
      ...(metrics ? [operationMetricsPlugin(metrics)] : []),
      ...plugins,
    ],
    logger,
    ...(cache ? { cache } : {}),
  });
  await apollo.start();

  app.use(healthRoutes(readiness));
  const separateMetrics =
    metrics && config.metricsEnabled && config.metricsPort !== undefined ? metricsServer(metrics, config.host, config.metricsPort) : undefined;
  if (metrics && config.metricsEnabled && !separateMetrics) app.get('/metrics', metricsHandler(metrics));

  app.use(
    '/graphql',
    // CORS first: preflights carry no credentials, and refusals (401, 413) must still be readable cross-origin.
    corsMiddleware(config.cors),
    varyOnAccept,
    ...(authenticate ? [authMiddleware(authenticate, logger)] : []),
    express.json({ limit: config.limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdFrom(req.get('x-request-id'));
        res.set('x-request-id', requestId);
        const principal = res.locals.principal as Principal | undefined;
        return createContext({ config, glue, logger, requestId, principal, taskRunWatcher, metrics, headers: req.headers });
      },
    }),
  );
  app.use(httpErrorHandler(logger));

  return {
    httpServer,
    readiness,
    taskRunWatcher,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const { port } = httpServer.address() as AddressInfo;
      const host = displayHost(config.host);
      const metricsUrl = separateMetrics ? (await separateMetrics.listen()).url : undefined;
      return { url: `http://${host}:${port}/graphql`, port, metricsUrl };
    },
    async stop() {
      await apollo.stop();
      await separateMetrics?.close();
    },
  };
}
