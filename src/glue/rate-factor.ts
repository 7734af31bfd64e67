/**
 * The fleet's share of GLUE_MAX_RPS it may use now (0.05–1), kept in Redis so that throttling seen by
 * any replica slows every replica: additive increase, multiplicative decrease (AIMD), at most one
 * step per second for the whole fleet (Redis's clock decides), taken on the answers every replica
 * reported in that second. Only sustained throttling lowers it (the same test as the adaptive rate's:
 * enough throttles, and a large enough share of the answers), so random throttles slow nobody, and N
 * replicas seeing the same throttling lower the rate once, not N times. Without Redis the factor is
 * this process's alone, stepped on its own answers.
 */
import type { RedisClientType } from '@keyv/redis';
import { SUSTAINED_THROTTLING } from './adaptive-rate.js';

export const MIN_FACTOR = 0.05;
const DECREASE = 0.7;
const INCREASE = 0.05;
const STEP_MS = 1_000;
const { minThrottles: MIN_THROTTLES, throttleShare: THROTTLE_SHARE } = SUSTAINED_THROTTLING;

/** Answers Glue gave since the last report. */
export interface AnswerCounts {
  throttles: number;
  answers: number;
}

// KEYS: factor, step start (ms), throttles, answers. ARGV: this replica's throttles and answers.
// Returns the factor after the step.
const STEP = `
local f = tonumber(redis.call('get', KEYS[1]) or '1')
if tonumber(ARGV[2]) > 0 then
  redis.call('incrby', KEYS[3], ARGV[1])
  redis.call('incrby', KEYS[4], ARGV[2])
  redis.call('pexpire', KEYS[3], 60000)
  redis.call('pexpire', KEYS[4], 60000)
end
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if now - tonumber(redis.call('get', KEYS[2]) or '0') < ${STEP_MS} then return tostring(f) end
local throttles = tonumber(redis.call('get', KEYS[3]) or '0')
local answers = tonumber(redis.call('get', KEYS[4]) or '0')
redis.call('del', KEYS[3], KEYS[4])
redis.call('set', KEYS[2], tostring(now), 'PX', 3600000)
if throttles >= ${MIN_THROTTLES} and throttles >= ${THROTTLE_SHARE} * answers then f = math.max(${MIN_FACTOR}, f * ${DECREASE})
elseif answers > 0 and throttles < ${THROTTLE_SHARE / 2} * answers then f = math.min(1, f + ${INCREASE}) end
redis.call('set', KEYS[1], tostring(f), 'PX', 3600000)
return tostring(f)`;

/** Reports this replica's answers and takes the fleet's step if one is due; undefined when Redis did not answer. */
export async function stepSharedFactor(redis: RedisClientType, prefix: string, counts: AnswerCounts): Promise<number | undefined> {
  try {
    const reply = await redis.eval(STEP, {
      keys: [`${prefix}:factor`, `${prefix}:factor-changed`, `${prefix}:throttles`, `${prefix}:answers`],
      arguments: [String(counts.throttles), String(counts.answers)],
    });
    const factor = Number(reply);
    return Number.isFinite(factor) ? factor : undefined;
  } catch {
    return undefined;
  }
}

/** The same step on a local factor (Redis unreachable, or no Redis), on this process's answers. */
export function stepLocalFactor(factor: number, counts: AnswerCounts): number {
  const { throttles, answers } = counts;
  if (throttles >= MIN_THROTTLES && throttles >= THROTTLE_SHARE * answers) return Math.max(MIN_FACTOR, factor * DECREASE);
  if (answers > 0 && throttles < (THROTTLE_SHARE / 2) * answers) return Math.min(1, factor + INCREASE);
  return factor;
}
