/**
 * GLUE_MAX_RPS as the total for every process sharing a Redis: rate-limiter-flexible's Redis limiter
 * (an atomic counter per key) counts every replica's calls, in slots of the wall clock shorter than a
 * second (rate-slots.ts), so no second gets more than the budget. Throttling answers lower the
 * fleet's rate through a shared factor (rate-factor.ts). If Redis fails, each process falls back to a
 * local share of maxRps / GLUE_FLEET_SIZE_HINT, so a call never fails because Redis did. Without a
 * Redis connection, the whole budget is local.
 */
import type { RedisClientType } from '@keyv/redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateBudget } from './rate-budget.js';
import { stepLocalFactor, stepSharedFactor, type FactorStep } from './rate-factor.js';
import { planSlots, slotAt, type SlotPlan } from './rate-slots.js';

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

type Ticket = Awaited<ReturnType<RateBudget['take']>>;

/** One call from the current slot of `plan`; throws only when the limiter's store failed. */
async function takeFromSlot(limiter: RateLimiterAbstract, plan: SlotPlan): Promise<Ticket> {
  const { slot, msToNext } = slotAt(Date.now(), plan.slots);
  try {
    await limiter.consume(`${plan.slots}:${slot}`, 1);
    return { granted: true };
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return { granted: false, retryAfterMs: msToNext };
    throw outcome;
  }
}

export function createFleetRateBudget(options: FleetRateBudgetOptions): RateBudget {
  const { redis, maxRps, logger } = options;
  // The fallback is explicit rather than rate-limiter-flexible's insuranceLimiter, which would count
  // in the fleet's slots: a local share needs slots of its own (e.g. 2 calls/s cannot be 1 per 100 ms).
  const localRate = redis ? maxRps / Math.max(1, options.fleetSizeHint) : maxRps;
  // Keys live one second, longer than any slot; `points` follows the slot plan.
  const local = new RateLimiterMemory({ points: 1, duration: 1 });
  const shared = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: true,
        // Disconnected: fail at once (to the local share), no command attempted.
        rejectIfRedisNotReady: true,
        keyPrefix: `${options.namespace}:rate`,
        points: 1,
        duration: 1,
      })
    : undefined;

  let factor = 1;
  let sharedPlan = planSlots(maxRps);
  let localPlan = planSlots(localRate);
  const replan = () => {
    sharedPlan = planSlots(maxRps * factor);
    localPlan = planSlots(localRate * factor);
    if (shared) shared.points = sharedPlan.pointsPerSlot;
    local.points = localPlan.pointsPerSlot;
  };
  replan();

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
    const step: FactorStep = throttles > 0 ? 'down' : successes > 0 && factor < 1 ? 'up' : 'read';
    throttles = 0;
    successes = 0;
    const sharedFactor = redis?.isReady ? await stepSharedFactor(redis, `${options.namespace}:rate`, step) : undefined;
    apply(sharedFactor ?? stepLocalFactor(factor, step));
  };
  const timer = setInterval(() => void adjust(), options.adjustEveryMs ?? 1_000);
  timer.unref();

  return {
    async take() {
      if (shared) {
        try {
          const ticket = await takeFromSlot(shared, sharedPlan);
          if (sharedFailing) logger.info({}, 'Glue rate budget shared through Redis again');
          sharedFailing = false;
          return ticket;
        } catch {
          if (!sharedFailing) logger.warn({ localRate }, 'Redis unavailable: Glue rate budget falls back to this process\'s share');
          sharedFailing = true;
        }
      }
      try {
        return await takeFromSlot(local, localPlan);
      } catch {
        // The memory limiter does not fail; if it ever did, the budget must not fail the call.
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
