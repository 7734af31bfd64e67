/**
 * GLUE_MAX_RPS as the total for every process sharing a Redis: rate-limiter-flexible's Redis limiter
 * (an atomic fixed window of one second in one key) counts every replica's calls. Throttling answers
 * lower the fleet's rate through a shared factor (rate-factor.ts). If Redis fails, the limiter falls
 * back to its insurance limiter, a local share of maxRps / GLUE_FLEET_SIZE_HINT, so a call never fails
 * because Redis did. Without a Redis connection, the whole budget is local.
 */
import type { RedisClientType } from '@keyv/redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateBudget } from './rate-budget.js';
import { stepLocalFactor, stepSharedFactor, type FactorStep } from './rate-factor.js';

/** The part of a pino logger used here (the adapter takes no logging library of its own). */
export interface BudgetLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface FleetRateBudgetOptions {
  /** The fleet's command connection; undefined: a budget for this process alone. */
  redis?: RedisClientType;
  /** GLUE_MAX_RPS: calls per second for the whole fleet. */
  maxRps: number;
  /** GLUE_FLEET_SIZE_HINT: replicas expected, to share the budget out while Redis is unreachable. */
  fleetSizeHint: number;
  logger: BudgetLogger;
  /** Prefix of the Redis keys, e.g. per Glue endpoint. */
  namespace: string;
  /** How often throttling/success feedback adjusts the rate (default 1 s). */
  adjustEveryMs?: number;
}

const KEY = 'fleet';

export function createFleetRateBudget(options: FleetRateBudgetOptions): RateBudget {
  const { redis, maxRps, logger } = options;
  const localShare = Math.max(1, Math.floor(maxRps / Math.max(1, options.fleetSizeHint)));
  const insurance = new RateLimiterMemory({ points: redis ? localShare : maxRps, duration: 1 });
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: true,
        // Disconnected: straight to the insurance limiter, no command attempted.
        rejectIfRedisNotReady: true,
        keyPrefix: `${options.namespace}:rate`,
        points: maxRps,
        duration: 1,
        insuranceLimiter: insurance,
      })
    : insurance;
  const insuranceFull = insurance.points;

  let factor = 1;
  let throttles = 0;
  let successes = 0;
  const apply = (next: number) => {
    if (next === factor) return;
    if (next < factor) logger.warn({ rate: Math.round(maxRps * next * 10) / 10 }, 'Glue is throttling: fleet rate lowered');
    factor = next;
    limiter.points = Math.max(1, Math.floor(maxRps * factor));
    insurance.points = Math.max(1, Math.floor(insuranceFull * factor));
  };
  const adjust = async () => {
    const step: FactorStep = throttles > 0 ? 'down' : successes > 0 && factor < 1 ? 'up' : 'read';
    throttles = 0;
    successes = 0;
    const shared = redis?.isReady ? await stepSharedFactor(redis, `${options.namespace}:rate`, step) : undefined;
    apply(shared ?? stepLocalFactor(factor, step));
  };
  const timer = setInterval(() => void adjust(), options.adjustEveryMs ?? 1_000);
  timer.unref();

  return {
    async take() {
      try {
        await limiter.consume(KEY, 1);
        return { granted: true };
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) return { granted: false, retryAfterMs: Math.max(1, outcome.msBeforeNext) };
        // Neither Redis nor the insurance limiter answered: never fail a call because of the budget.
        return { granted: true };
      }
    },
    recordThrottle: () => void throttles++,
    recordSuccess: () => void successes++,
    currentRate: () => maxRps * factor,
    async close() {
      clearInterval(timer);
    },
  };
}
