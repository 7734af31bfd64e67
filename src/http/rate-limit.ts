/**
 * Per-client rate limits (rate-limiter-flexible): a fixed window of `points` per `durationSeconds`
 * per key, in memory, or in Redis when the gateway has one so that every replica counts together.
 * A Redis outage falls back to an in-memory limiter rather than failing requests.
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes, rateLimiterRedis, type RateLimiterAbstract } from '../glue/rate-limiters.js';
import { errorResponseBody } from '../errors.js';
import type { Principal } from './auth.js';
import { clientKey } from './client-key.js';
import { sendJson } from './errors.js';

/** Allowed, or refused with the seconds until the client may try again. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface ClientRateLimiter {
  consume(key: string): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  points: number;
  durationSeconds: number;
  /** Separates limiters sharing one store (`rl:http`, `rl:ws-subscribe`, …). */
  keyPrefix: string;
  /** A connected node-redis client (REDIS_URL); memory when absent. */
  redis?: unknown;
}

export function createRateLimiter({ points, durationSeconds, keyPrefix, redis }: RateLimiterOptions): ClientRateLimiter {
  const memory = new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix });
  const limiter: RateLimiterAbstract = redis
    ? new (rateLimiterRedis())({ storeClient: redis, useRedisPackage: true, points, duration: durationSeconds, keyPrefix, insuranceLimiter: memory })
    : memory;
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (rejection) {
        // Rejections are RateLimiterRes; anything else is a store failure the insurance limiter could not absorb.
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        return { allowed: true };
      }
    },
  };
}

/** An HTTP request's admission: false once it has answered 429 (with Retry-After) itself. */
export type HttpRateLimit = (res: ServerResponse, principal: Principal | undefined, ip: string) => Promise<boolean>;

/** 429 with Retry-After past the limit; keyed by principal (after authentication) or by IP. */
export function httpRateLimit(limiter: ClientRateLimiter, logger: Logger): HttpRateLimit {
  return async (res, principal, ip) => {
    const key = clientKey(principal, ip);
    const decision = await limiter.consume(key);
    if (decision.allowed) return true;
    logger.info({ client: key }, 'Rate limit exceeded');
    const seconds = decision.retryAfterSeconds;
    // The same request succeeds once the window passes: retryable, as the WebSocket subscribe limit says too.
    sendJson(
      res,
      429,
      errorResponseBody('LIMIT_EXCEEDED', rateLimitMessage('requests', seconds), { retryable: true, extensions: { retryAfter: seconds } }),
      { 'Retry-After': String(seconds) },
    );
    return false;
  };
}

/** What a client past a per-client limit is told, over HTTP and in a WebSocket close reason alike. */
export function rateLimitMessage(what: string, retryAfterSeconds: number): string {
  return `Too many ${what}: retry after ${retryAfterSeconds} s (RATE_LIMIT_PER_CLIENT_RPS).`;
}
