/**
 * How fast the gateway may send to Glue. The interface is shared with the fleet-wide implementation
 * (fleet-rate-budget.ts: GLUE_MAX_RPS, Redis-backed); the local one here is per process, used when no
 * GLUE_MAX_RPS is set: an adaptive limit that only sustained throttling sets (and an optional fixed cap).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AdaptiveRate, type AdaptiveRateOptions } from './adaptive-rate.js';

export interface RateBudget {
  /** Takes one call's worth of budget, or says how long until one is available. Never throws. */
  take(): Promise<{ granted: true } | { granted: false; retryAfterMs: number }>;
  /** Feedback from Glue's answers: sustained throttling lowers the rate, successes let it recover. */
  recordThrottle(): void;
  recordSuccess(): void;
  /** The current allowed rate in calls per second, or undefined while unlimited (for metrics). */
  currentRate(): number | undefined;
  close(): Promise<void>;
}

export interface LocalRateBudgetOptions extends Partial<AdaptiveRateOptions> {
  /** A fixed cap in calls per second (GLUE_MAX_RPS); none when undefined. */
  maxRps?: number;
}

export class LocalRateBudget implements RateBudget {
  private readonly adaptive: AdaptiveRate;
  private limiter: { rate: number; bucket: RateLimiterMemory } | undefined;

  constructor(private readonly options: LocalRateBudgetOptions = {}) {
    this.adaptive = new AdaptiveRate(options);
  }

  async take(): Promise<{ granted: true } | { granted: false; retryAfterMs: number }> {
    const rate = this.currentRate();
    if (rate === undefined) return { granted: true };
    // A new limit gets a new bucket: rate-limiter-flexible's points are fixed per limiter.
    if (this.limiter?.rate !== rate) {
      this.limiter = { rate, bucket: new RateLimiterMemory({ points: Math.max(1, Math.floor(rate)), duration: 1 }) };
    }
    try {
      await this.limiter.bucket.consume('glue');
      return { granted: true };
    } catch (res) {
      const wait = res instanceof RateLimiterRes ? res.msBeforeNext : 1000;
      return { granted: false, retryAfterMs: Math.max(1, Math.ceil(wait)) };
    }
  }

  recordThrottle(): void {
    this.adaptive.recordThrottle();
  }

  recordSuccess(): void {
    this.adaptive.recordSuccess();
  }

  currentRate(): number | undefined {
    const adaptive = this.adaptive.rate();
    const cap = this.options.maxRps;
    if (adaptive === undefined) return cap;
    return cap === undefined ? adaptive : Math.min(cap, adaptive);
  }

  async close(): Promise<void> {
    this.limiter = undefined;
  }
}
