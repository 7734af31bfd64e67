/**
 * What a WebSocket client may do, beyond authenticating once: upgrade only from an allowed browser
 * origin (or none: non-browser clients), stay connected no longer than its credentials are valid,
 * hold a bounded number of connections and subscriptions per client (principal, or IP when
 * anonymous), and send subscribe messages (and, with RATE_LIMIT_PER_CLIENT_RPS, any message) at a
 * bounded rate.
 *
 * Close codes: 4403 (graphql-ws's Forbidden) when credentials expire; 1008 (policy violation) for
 * too many connections or messages: graphql-ws defines no rate-limit code (its 4429 means a repeated
 * connection_init).
 */
import type { IncomingMessage } from 'node:http';
import type { GraphQLError } from 'graphql';
import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { VerifyClientCallbackAsync, WebSocket } from 'ws';
import { gatewayError } from '../errors.js';
import type { Principal } from '../http/auth.js';
import { clientIp, clientKey } from '../http/client-key.js';
import { isAllowedOrigin, type OriginPolicy } from '../http/origins.js';
import { rateLimitMessage, type ClientRateLimiter } from '../http/rate-limit.js';

export type WsContext = Context<Record<string, unknown> | undefined, Extra & Partial<Record<PropertyKey, never>>>;

export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_POLICY_VIOLATION = 1008;
/** setTimeout's longest delay (about 24.8 days); a later expiry is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ConnectionGuardOptions {
  trustProxy: number;
  maxConnectionsPerClient: number;
  maxSubscriptionsPerClient: number;
  /** Subscribe messages per second per client (SUBSCRIBE_RATE_PER_CLIENT). */
  subscribeLimiter: ClientRateLimiter;
  /** Any message, per second per client (RATE_LIMIT_PER_CLIENT_RPS), when set. */
  messageLimiter?: ClientRateLimiter;
}

/** ws's verifyClient: a browser's cross-site upgrade is refused with 403 before any protocol message. */
export function verifyOrigin(policy: OriginPolicy): VerifyClientCallbackAsync<IncomingMessage> {
  return ({ req }, callback) => {
    const origin = req.headers.origin;
    if (origin === undefined || isAllowedOrigin(origin, policy)) callback(true);
    else callback(false, 403, 'Origin not allowed');
  };
}

export class ConnectionGuards {
  private readonly byClient = new Map<string, Set<WsContext>>();
  /** By socket, so that messages before connection_init count against the IP and later ones against the principal. */
  private readonly keys = new WeakMap<WebSocket, string>();
  private readonly principals = new WeakMap<WsContext, Principal>();
  private readonly expiryTimers = new WeakMap<WsContext, NodeJS.Timeout>();

  constructor(private readonly options: ConnectionGuardOptions) {}

  principal(ctx: WsContext): Principal | undefined {
    return this.principals.get(ctx);
  }

  /** The key of a connection: its principal once known, else its IP. */
  private key(socket: WebSocket, request: IncomingMessage): string {
    return this.keys.get(socket) ?? clientKey(undefined, clientIp(request, this.options.trustProxy));
  }

  /** Rate-limits every message of a new socket (closing it with 1008 past the limit), connection_init included. */
  watchMessages(socket: WebSocket, request: IncomingMessage): void {
    const limiter = this.options.messageLimiter;
    if (!limiter) return;
    socket.on('message', () => {
      void limiter.consume(this.key(socket, request)).then((decision) => {
        // A close frame has no `retryable` flag: the reason says when a new connection may try again.
        if (!decision.allowed) socket.close(CLOSE_POLICY_VIOLATION, rateLimitMessage('messages', decision.retryAfterSeconds));
      });
    });
  }

  /** On connection_init, after authentication: false (socket closed with 1008) when the client has too many connections. */
  admit(ctx: WsContext, principal: Principal | undefined): boolean {
    const key = clientKey(principal, clientIp(ctx.extra.request, this.options.trustProxy));
    const connections = this.byClient.get(key) ?? new Set<WsContext>();
    if (connections.size >= this.options.maxConnectionsPerClient) {
      ctx.extra.socket.close(CLOSE_POLICY_VIOLATION, 'Too many connections from this client');
      return false;
    }
    connections.add(ctx);
    this.byClient.set(key, connections);
    this.keys.set(ctx.extra.socket, key);
    if (principal) {
      this.principals.set(ctx, principal);
      if (principal.expiresAt !== undefined) this.armExpiry(ctx, principal.expiresAt);
    }
    return true;
  }

  release(ctx: WsContext): void {
    clearTimeout(this.expiryTimers.get(ctx));
    const key = this.keys.get(ctx.extra.socket);
    if (key === undefined) return;
    const connections = this.byClient.get(key);
    connections?.delete(ctx);
    if (connections?.size === 0) this.byClient.delete(key);
  }

  /** Each subscribe: credentials still valid, the client's subscriptions and subscribe rate within bounds. */
  async checkSubscribe(ctx: WsContext): Promise<GraphQLError[] | undefined> {
    const principal = this.principals.get(ctx);
    // A subscribe read after `exp` but before the expiry timer ran (a busy event loop) is refused here;
    // the close waits a turn so that the client gets the error first.
    if (principal?.expiresAt !== undefined && principal.expiresAt <= Date.now()) {
      setImmediate(() => this.expire(ctx));
      return [gatewayError('UNAUTHENTICATED', 'The credentials of this connection have expired.')];
    }
    const key = this.key(ctx.extra.socket, ctx.extra.request);
    const decision = await this.options.subscribeLimiter.consume(key);
    if (!decision.allowed) {
      return [
        gatewayError('LIMIT_EXCEEDED', `Too many subscribe messages: retry after ${decision.retryAfterSeconds} s (SUBSCRIBE_RATE_PER_CLIENT).`, {
          retryable: true,
          extensions: { retryAfter: decision.retryAfterSeconds },
        }),
      ];
    }
    let open = 0;
    for (const connection of this.byClient.get(key) ?? []) open += Object.keys(connection.subscriptions).length;
    // ctx.subscriptions already holds the operation being started.
    if (open > this.options.maxSubscriptionsPerClient) {
      return [
        gatewayError(
          'LIMIT_EXCEEDED',
          `Too many open subscriptions for this client: at most ${this.options.maxSubscriptionsPerClient} (SUBSCRIPTIONS_MAX_PER_CLIENT); complete one first.`,
        ),
      ];
    }
    return undefined;
  }

  private armExpiry(ctx: WsContext, expiresAt: number): void {
    const delay = expiresAt - Date.now();
    const timer = setTimeout(() => (delay > MAX_TIMER_MS ? this.armExpiry(ctx, expiresAt) : this.expire(ctx)), Math.max(0, Math.min(delay, MAX_TIMER_MS)));
    timer.unref();
    this.expiryTimers.set(ctx, timer);
  }

  private expire(ctx: WsContext): void {
    ctx.extra.socket.close(CLOSE_FORBIDDEN, 'Forbidden: credentials expired');
  }
}
