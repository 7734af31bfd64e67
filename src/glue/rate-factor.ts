/**
 * The fleet's share of GLUE_MAX_RPS it may use now (0.05–1), kept in Redis so that throttling seen by
 * any replica slows every replica: additive increase, multiplicative decrease (AIMD), at most one
 * step per second for the whole fleet (Redis's clock decides), so N replicas seeing the same throttle
 * halve the rate once, not N times. Without Redis the factor is this process's alone.
 */
import type { RedisClientType } from '@keyv/redis';

export const MIN_FACTOR = 0.05;
const DECREASE = 0.7;
const INCREASE = 0.05;
const STEP_MS = 1_000;

// KEYS: factor, last change (ms). ARGV: 'down' | 'up' | 'read'. Returns the factor after the step.
const STEP = `
local f = tonumber(redis.call('get', KEYS[1]) or '1')
if ARGV[1] == 'read' then return tostring(f) end
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('get', KEYS[2]) or '0')
if now - last < ${STEP_MS} then return tostring(f) end
if ARGV[1] == 'down' then f = math.max(${MIN_FACTOR}, f * ${DECREASE}) else f = math.min(1, f + ${INCREASE}) end
redis.call('set', KEYS[1], tostring(f), 'PX', 3600000)
redis.call('set', KEYS[2], tostring(now), 'PX', 3600000)
return tostring(f)`;

export type FactorStep = 'down' | 'up' | 'read';

/** One AIMD step on the shared factor; undefined when Redis did not answer. */
export async function stepSharedFactor(redis: RedisClientType, prefix: string, step: FactorStep): Promise<number | undefined> {
  try {
    const reply = await redis.eval(STEP, { keys: [`${prefix}:factor`, `${prefix}:factor-changed`], arguments: [step] });
    const factor = Number(reply);
    return Number.isFinite(factor) ? factor : undefined;
  } catch {
    return undefined;
  }
}

/** The same step on a local factor (Redis unreachable, or no Redis). */
export function stepLocalFactor(factor: number, step: FactorStep): number {
  if (step === 'down') return Math.max(MIN_FACTOR, factor * DECREASE);
  if (step === 'up') return Math.min(1, factor + INCREASE);
  return factor;
}
