/**
 * Everything subscriptions add to a gateway, as one unit: graphql-ws on the HTTP server, and the
 * Apollo plugin that closes it and the run pollers when Apollo drains on stop (Apollo's documented
 * pattern for subscriptions with Express) and that answers a subscription sent over plain HTTP with a
 * clear error instead of running it there.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { gatewayError } from '../errors.js';
import type { TaskRunWatcher } from './task-run-watcher.js';
import { attachGraphQLWebSocketServer, type GraphQLWebSocketOptions } from './websocket.js';

export interface SubscriptionServerDeps extends GraphQLWebSocketOptions {
  /** The pollers behind `Subscription.mlTaskRunUpdated`, stopped with the server. */
  taskRunWatcher: TaskRunWatcher;
}

/** Closes WebSocket connections and stops every poller when Apollo drains. */
export function createSubscriptionServer(deps: SubscriptionServerDeps): ApolloServerPlugin {
  const webSocket = attachGraphQLWebSocketServer(deps);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw gatewayError(
            'BAD_REQUEST',
            `Subscriptions are served over WebSocket (graphql-ws protocol) at ${deps.path}, not over HTTP requests.`,
            { extensions: { http: { status: 400 } } },
          );
        },
      };
    },
    async serverWillStart() {
      return {
        async drainServer() {
          await webSocket.dispose();
          await deps.taskRunWatcher.close();
        },
      };
    },
  };
}
