/**
 * GLUE_MAX_RPS as the total for every process sharing a Redis: rate-limiter-flexible's Redis limiter
 * (an atomic counter per key) counts every replica's calls, in slots of the wall clock shorter than a
 * second (slot-reservations.ts), so no second gets more than the budget, and a burst waits a little
 * for the next slot with room rather than leaving later slots unused. Throttling answers lower the
 * fleet's rate through a shared factor (rate-factor.ts). If Redis fails, each process falls back to a
 * local share of maxRps / GLUE_FLEET_SIZE_HINT, so a call never fails because Redis did. Without a
 * Redis connection, the whole budget is local.
 */
import type { RedisClientType } from '@keyv/redis';
import { rateLimiterRedis } from './rate-limiters.js';
import type { RateBudget } from './rate-budget.js';
import { stepLocalFactor, stepSharedFactor } from './rate-factor.js';
import { COUNTER_OPTIONS, SlotReservations } from './slot-reservations.js';

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

export function createFleetRateBudget(options: FleetRateBudgetOptions): RateBudget {
  const { redis, maxRps, logger } = options;
  // The fallback is explicit rather than rate-limiter-flexible's insuranceLimiter, which would count
  // in the fleet's slots: a local share needs slots of its own (e.g. 2 calls/s cannot be 1 per 100 ms).
  const localRate = redis ? maxRps / Math.max(1, options.fleetSizeHint) : maxRps;
  const local = SlotReservations.inMemory(localRate);
  const shared = redis
    ? new SlotReservations(
        new (rateLimiterRedis())({
          storeClient: redis,
          useRedisPackage: true,
          // Disconnected: fail at once (to the local share), no command attempted.
          rejectIfRedisNotReady: true,
          keyPrefix: `${options.namespace}:rate`,
          ...COUNTER_OPTIONS,
        }),
        maxRps,
      )
    : undefined;

  let factor = 1;
  const replan = () => {
    shared?.setRate(maxRps * factor);
    local.setRate(localRate * factor);
  };

  let throttles = 0;
  let successes = 0;
  let sharedFailing = false;
  const apply = (next: number) => {
    if (next === factor) return;
    if (next < factor) logger.warn({ rate: Math.round(maxRps * next * 10) / 10 }, 'Glue is throttling: rate lowered');
    factor = next;
    replan();
  };
  const adjust = async () => {
    const counts = { throttles, answers: throttles + successes };
    throttles = 0;
    successes = 0;
    const sharedFactor = redis?.isReady ? await stepSharedFactor(redis, `${options.namespace}:rate`, counts) : undefined;
    apply(sharedFactor ?? stepLocalFactor(factor, counts));
  };
  const timer = setInterval(() => void adjust(), options.adjustEveryMs ?? 1_000);
  timer.unref();

  return {
    async take(maxWaitMs) {
      if (shared) {
        try {
          const ticket = await shared.take(maxWaitMs);
          if (sharedFailing) logger.info({}, 'Glue rate budget shared through Redis again');
          sharedFailing = false;
          return ticket;
        } catch {
          if (!sharedFailing) logger.warn({ localRate }, 'Redis unavailable: Glue rate budget falls back to this process\'s share');
          sharedFailing = true;
        }
      }
      try {
        return await local.take(maxWaitMs);
      } catch {
        // The memory limiter does not fail; if it ever did, the budget must not fail the call.
        return { granted: true, waitMs: 0 };
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
