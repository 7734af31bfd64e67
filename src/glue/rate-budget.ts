/**
 * How fast the gateway may send to Glue. The interface is shared with the fleet-wide implementation
 * (fleet-rate-budget.ts: GLUE_MAX_RPS, Redis-backed); the local one here is per process, used when no
 * GLUE_MAX_RPS is set: an adaptive limit that only sustained throttling sets.
 */
import { AdaptiveRate, type AdaptiveRateOptions } from './adaptive-rate.js';
import { SlotReservations, type Ticket } from './slot-reservations.js';

export interface RateBudget {
  /**
   * Takes one call's worth of budget, now or in a slot at most `maxWaitMs` ahead (the caller waits
   * `waitMs` before sending), or says how long until one is available. Never throws.
   */
  take(maxWaitMs: number): Promise<Ticket>;
  /**
   * Feedback from Glue's answers: sustained throttling lowers the rate, successes let it recover.
   * `sentAt` (epoch ms) is when the throttled attempt was sent: one sent before the rate was last
   * lowered says nothing about the lowered rate.
   */
  recordThrottle(sentAt?: number): void;
  recordSuccess(): void;
  /** The current allowed rate in calls per second, or undefined while unlimited (for metrics). */
  currentRate(): number | undefined;
  close(): Promise<void>;
}

export class LocalRateBudget implements RateBudget {
  private readonly adaptive: AdaptiveRate;
  /** Made when a limit is first set. */
  private slots: SlotReservations | undefined;

  constructor(options: Partial<AdaptiveRateOptions> = {}) {
    this.adaptive = new AdaptiveRate(options);
  }

  async take(maxWaitMs: number): Promise<Ticket> {
    const rate = this.currentRate();
    if (rate === undefined) return { granted: true, waitMs: 0 };
    this.slots ??= SlotReservations.inMemory(rate);
    this.slots.setRate(rate);
    try {
      return await this.slots.take(maxWaitMs);
    } catch {
      // The memory limiter does not fail; if it ever did, the budget must not fail the call.
      return { granted: true, waitMs: 0 };
    }
  }

  recordThrottle(sentAt?: number): void {
    this.adaptive.recordThrottle(sentAt);
  }

  recordSuccess(): void {
    this.adaptive.recordSuccess();
  }

  currentRate(): number | undefined {
    return this.adaptive.rate();
  }

  async close(): Promise<void> {
    this.slots = undefined;
  }
}
