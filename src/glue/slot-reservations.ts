/**
 * A rate as reservations in slots of the wall clock: 10 slots a second, slot k of each second holding
 * its share of the rate (floor((k+1)·rate/10) − floor(k·rate/10)), so every clock second gets at most
 * the rate and any one-second span at most one call more. (rate-limiter-flexible's own windows start at
 * their first call, so a span across two of them could hold twice the rate.) A call takes room in the
 * current slot or one up to `maxWaitMs` ahead: a burst waits for the next slot with room instead of
 * being refused while later slots go unused, and a call that would wait longer is refused at once with
 * the time until room frees. Keys do not depend on the rate, so a new rate keeps what was counted.
 * The limiter is only an atomic counter per slot with an expiry: in memory for one process, in Redis
 * for a fleet.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from './rate-limiters.js';

export type Ticket = { granted: true; waitMs: number } | { granted: false; retryAfterMs: number };

export const SLOT_MS = 100;
const SLOTS_PER_SECOND = 1000 / SLOT_MS;

/** How far ahead a call may reserve: keys must outlive it (see COUNTER_OPTIONS). */
export const MAX_RESERVATION_MS = 10_000;

/**
 * Options for the limiter behind SlotReservations: it only counts (the share decides), and each slot's
 * key lives as long as the farthest reservation plus the slot itself.
 */
export const COUNTER_OPTIONS = { points: Number.MAX_SAFE_INTEGER, duration: Math.ceil(MAX_RESERVATION_MS / 1000) + 1 };

/** Calls slot `slot` (numbered on the wall clock) may hold at `rate` calls per second (at least 1/s). */
export function slotShare(slot: number, rate: number): number {
  const perSecond = Math.max(1, rate);
  const k = ((slot % SLOTS_PER_SECOND) + SLOTS_PER_SECOND) % SLOTS_PER_SECOND;
  return Math.floor(((k + 1) * perSecond) / SLOTS_PER_SECOND) - Math.floor((k * perSecond) / SLOTS_PER_SECOND);
}

export class SlotReservations {
  /** The last slot this process saw full at the current rate: counts never go down. */
  private fullThrough = -Infinity;

  /** Slots counted in this process's memory. */
  static inMemory(rate: number, now?: () => number): SlotReservations {
    return new SlotReservations(new RateLimiterMemory(COUNTER_OPTIONS), rate, now);
  }

  constructor(
    private readonly counter: RateLimiterAbstract,
    private rate: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new rate; what each slot already holds still counts (a rise may free room in slots seen full). */
  setRate(rate: number): void {
    if (rate > this.rate) this.fullThrough = -Infinity;
    this.rate = rate;
  }

  /** One call in the first slot with room within `maxWaitMs`; throws only when the counter's store failed. */
  async take(maxWaitMs: number): Promise<Ticket> {
    const now = this.now();
    const last = Math.floor((now + Math.min(Math.max(0, maxWaitMs), MAX_RESERVATION_MS)) / SLOT_MS);
    for (let slot = Math.max(Math.floor(now / SLOT_MS), this.fullThrough + 1); slot <= last; slot++) {
      const share = slotShare(slot, this.rate);
      if (share === 0) continue;
      const { consumedPoints } = await this.counter.consume(String(slot), 1);
      if (consumedPoints <= share) return { granted: true, waitMs: Math.max(0, Math.ceil(slot * SLOT_MS - this.now())) };
      this.fullThrough = Math.max(this.fullThrough, slot);
    }
    return { granted: false, retryAfterMs: Math.max(1, Math.ceil((last + 1) * SLOT_MS - now)) };
  }
}
