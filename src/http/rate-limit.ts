/**
 * Per-client rate limits (rate-limiter-flexible): a fixed window of `points` per `durationSeconds`
 * per key, in memory, or in Redis when the gateway has one so that every replica counts together.
 * A Redis outage falls back to an in-memory limiter rather than failing requests.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { errorResponseBody } from '../errors.js';
import type { Principal } from './auth.js';
import { clientKey } from './client-key.js';

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
    ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, points, duration: durationSeconds, keyPrefix, insuranceLimiter: memory })
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

/** 429 with Retry-After past the limit; keyed by principal (after authentication) or by IP. */
export function rateLimitMiddleware(limiter: ClientRateLimiter, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const key = clientKey(res.locals.principal as Principal | undefined, req.ip ?? 'unknown');
    limiter.consume(key).then((decision) => {
      if (decision.allowed) return next();
      logger.info({ client: key }, 'Rate limit exceeded');
      const seconds = decision.retryAfterSeconds;
      // The same request succeeds once the window passes: retryable, as the WebSocket subscribe limit says too.
      res
        .status(429)
        .set('Retry-After', String(seconds))
        .json(errorResponseBody('LIMIT_EXCEEDED', rateLimitMessage('requests', seconds), { retryable: true, extensions: { retryAfter: seconds } }));
    }, next);
  };
}

/** What a client past a per-client limit is told, over HTTP and in a WebSocket close reason alike. */
export function rateLimitMessage(what: string, retryAfterSeconds: number): string {
  return `Too many ${what}: retry after ${retryAfterSeconds} s (RATE_LIMIT_PER_CLIENT_RPS).`;
}
