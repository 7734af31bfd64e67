/**
 * GLUE_MAX_RPS at the point of sending: each call takes one unit of the rate budget first, and fails
 * at once, as throttled, when there is none (waiting would only pile calls up behind the limit).
 * Glue's answers feed the budget back. A small seam on purpose: the resilience policy that also
 * consumes a RateBudget can take this place.
 */
import { isThrottling } from './errors.js';
import type { RateBudget } from './rate-budget.js';

/** What a call gets when the budget is spent; classified like Glue's own throttling (UPSTREAM_THROTTLED). */
export class RateBudgetExceededError extends Error {
  override name = 'RateBudgetExceeded';
  constructor(readonly retryAfterMs: number) {
    super(`The gateway's Glue call budget (GLUE_MAX_RPS) is spent; retry in ${retryAfterMs} ms.`);
  }
}

export async function withRateBudget<T>(budget: RateBudget | undefined, send: () => Promise<T>): Promise<T> {
  if (!budget) return send();
  const ticket = await budget.take();
  if (!ticket.granted) throw new RateBudgetExceededError(ticket.retryAfterMs);
  try {
    const result = await send();
    budget.recordSuccess();
    return result;
  } catch (error) {
    if (isThrottling(error)) budget.recordThrottle();
    throw error;
  }
}
