/**
 * HTTP wiring: Express 5 with Apollo Server on /graphql and the health endpoint. Kept free of
 * process concerns (env, signals) so tests can start any number of gateways in one process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createContext, type GatewayContext } from './context.js';
import { formatError } from './format-error.js';
import type { GlueApi } from './glue/api.js';
import { landingPagePlugin } from './landing-page.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { metricsHandler } from './observability/metrics-endpoint.js';
import { operationMetricsPlugin } from './observability/operation-metrics-plugin.js';
import { operationTracingPlugin } from './observability/tracing.js';
import { buildSchema } from './schema.js';

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
  /** Binds config.host:config.port (0 picks a free port) and resolves with the GraphQL URL. */
  listen(): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
}

export async function createGateway({ config, glue, logger, plugins = [], cache, metrics }: GatewayDeps): Promise<Gateway> {
  const app = express();
  const httpServer = createServer(app);
  const debug = config.debugErrors;

  const apollo = new ApolloServer<GatewayContext>({
    schema: buildSchema(),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: debug,
    formatError: (formatted, error) => formatError(formatted, error, { debug }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      landingPagePlugin(config),
      operationTracingPlugin(),
      ...(metrics ? [operationMetricsPlugin(metrics)] : []),
      ...plugins,
    ],
    logger,
    ...(cache ? { cache } : {}),
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (metrics && config.metricsEnabled) app.get('/metrics', metricsHandler(metrics));

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext({ config, glue, logger, metrics, headers: req.headers }),
    }),
  );

  return {
    httpServer,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const { port } = httpServer.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      return { url: `http://${host}:${port}/graphql`, port };
    },
    async stop() {
      await apollo.stop();
    },
  };
}
