/**
 * The gateway's defences against abuse, built once from the configuration and handed to server.ts,
 * which only places them: the HTTP admission after authentication, Apollo plugins, the WebSocket guards,
 * and the HTTP server's slow-client timeouts.
 */
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Principal } from '../http/auth.js';
import { clientIp } from '../http/client-key.js';
import { documentPolicy, documentPolicyPlugin, dropTraceRequestUnlessRouter, type DocumentPolicy } from '../http/operation-policy.js';
import { createRateLimiter, httpRateLimit } from '../http/rate-limit.js';
import { ConnectionGuards } from '../subscriptions/connection-guards.js';
import { errorCapPlugin } from './error-cap.js';
import { loadSafelist } from './safelist.js';

export interface Defences {
  /**
   * An HTTP request to /graphql, after authentication so limits key on the principal: false once it
   * has answered the request itself (429). Synchronous `true` when no limit is configured.
   */
  admitHttp(req: IncomingMessage, res: ServerResponse, principal: Principal | undefined): boolean | Promise<boolean>;
  apolloPlugins: ApolloServerPlugin[];
  guards: ConnectionGuards;
  documentPolicy: DocumentPolicy;
  /** Slow clients: bounded time to send the headers and the whole request (checked every second). */
  httpServerOptions: ServerOptions;
  /** And a bounded number of open sockets. */
  configureHttpServer(server: Server): void;
}

export function createDefences(config: Config, { logger, redis }: { logger: Logger; redis?: unknown }): Defences {
  const { security } = config;
  const rps = security.rateLimitPerClientRps;
  const requestLimiter = rps ? createRateLimiter({ points: rps, durationSeconds: 1, keyPrefix: 'rl:request', redis }) : undefined;
  const policy = documentPolicy(security.federation, security.persistedQueries.safelist ? loadSafelist() : undefined);
  const rateLimit = requestLimiter ? httpRateLimit(requestLimiter, logger) : undefined;
  return {
    admitHttp(req, res, principal) {
      dropTraceRequestUnlessRouter(security.federation, req.headers);
      // req.ip as Express computed it with `trust proxy` set to TRUST_PROXY: the same proxy-addr rule.
      return rateLimit ? rateLimit(res, principal, clientIp(req, security.trustProxy)) : true;
    },
    apolloPlugins: [documentPolicyPlugin(policy), errorCapPlugin(security.maxErrorsPerResponse)],
    documentPolicy: policy,
    guards: new ConnectionGuards({
      trustProxy: security.trustProxy,
      maxConnectionsPerClient: security.webSocket.maxConnectionsPerClient,
      maxSubscriptionsPerClient: security.webSocket.maxSubscriptionsPerClient,
      subscribeLimiter: createRateLimiter({ points: security.webSocket.subscribeRatePerClient, durationSeconds: 1, keyPrefix: 'rl:ws-subscribe', redis }),
      // WebSocket messages count against the same per-client budget as HTTP requests.
      messageLimiter: requestLimiter,
    }),
    httpServerOptions: {
      headersTimeout: security.http.headersTimeoutMs,
      requestTimeout: security.http.requestTimeoutMs,
      // Node checks for timed-out requests every 30 s by default, which would let a slow client hold a socket that much longer.
      connectionsCheckingInterval: 1_000,
    },
    configureHttpServer(server) {
      server.maxConnections = security.http.maxConnections;
    },
  };
}
