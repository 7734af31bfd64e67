/**
 * Everything subscriptions add to a gateway, as one unit: the run pollers, graphql-ws on the HTTP
 * server, and the Apollo plugin that closes both when Apollo drains on stop (Apollo's documented
 * pattern for subscriptions with Express) and that answers a subscription sent over plain HTTP with a
 * clear error instead of running it there.
 */
import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { GatewayContext } from '../context.js';
import type { GlueApi } from '../glue/api.js';
import type { Authenticator, Principal } from '../http/auth.js';
import { createTaskRunWatcher, type TaskRunWatcher } from './task-run-watcher.js';
import { attachGraphQLWebSocketServer } from './websocket.js';

export interface SubscriptionServerDeps {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  config: Config;
  glue: GlueApi;
  logger: Logger;
  createContext: (taskRunWatcher: TaskRunWatcher, principal?: Principal) => GatewayContext;
  /** When authentication is configured: checked once per WebSocket connection. */
  authenticate?: Authenticator;
  /** The request limits (depth, aliases, cost, …) HTTP operations are held to. */
  validationRules: readonly ValidationRule[];
}

export interface SubscriptionServer {
  taskRunWatcher: TaskRunWatcher;
  /** Closes WebSocket connections and stops every poller when Apollo drains. */
  plugin: ApolloServerPlugin<GatewayContext>;
}

export function createSubscriptionServer(deps: SubscriptionServerDeps): SubscriptionServer {
  const taskRunWatcher = createTaskRunWatcher({
    glue: deps.glue,
    logger: deps.logger,
    pollIntervalMs: deps.config.subscriptions.pollIntervalMs,
    debugErrors: deps.config.debugErrors,
  });
  const webSocket = attachGraphQLWebSocketServer({
    httpServer: deps.httpServer,
    path: deps.path,
    schema: deps.schema,
    config: deps.config,
    createContext: (principal) => deps.createContext(taskRunWatcher, principal),
    authenticate: deps.authenticate,
    validationRules: deps.validationRules,
    logger: deps.logger,
  });
  return {
    taskRunWatcher,
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ operation }) {
            if (operation?.operation !== 'subscription') return;
            throw new GraphQLError(
              `Subscriptions are served over WebSocket (graphql-ws protocol) at ${deps.path}, not over HTTP requests.`,
              { extensions: { code: 'BAD_REQUEST', retryable: false, http: { status: 400 } } },
            );
          },
        };
      },
      async serverWillStart() {
        return {
          async drainServer() {
            await webSocket.dispose();
            taskRunWatcher.close();
          },
        };
      },
    },
  };
}
