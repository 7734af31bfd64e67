/**
 * The sending rate Glue's throttling implies. Random throttles are noise and change nothing: only when
 * a sizeable share of answers over the last seconds are throttles does the rate drop, to a little under
 * what Glue accepted. Each second without throttling raises it again, and once it is well above what is
 * being sent the limit is lifted altogether, so recovery takes seconds (unlike the SDK's adaptive mode,
 * whose cubic curve keeps a process slow long after the throttling ended).
 */
import { SlidingCounts } from './sliding-counts.js';

export interface AdaptiveRateOptions {
  /** Share of answers that are throttles, over the window, that counts as sustained throttling. */
  throttleShare: number;
  /** Fewer throttles than this in the window are never sustained, whatever their share. */
  minThrottles: number;
  windowMs: number;
  /** The new limit is this fraction of the rate Glue accepted. */
  backoffFactor: number;
  /** Each throttle-free adjustment multiplies the limit by this. */
  recoveryFactor: number;
  /** How often the answers are looked at (a cut can follow at once; a raise at most once a second). */
  adjustEveryMs: number;
  now: () => number;
}

const DEFAULTS: AdaptiveRateOptions = {
  throttleShare: 0.1,
  minThrottles: 5,
  windowMs: 2_000,
  backoffFactor: 0.9,
  recoveryFactor: 1.1,
  adjustEveryMs: 250,
  now: Date.now,
};

export class AdaptiveRate {
  private readonly options: AdaptiveRateOptions;
  private readonly counts: SlidingCounts<'throttle' | 'success'>;
  private limit: number | undefined;
  private lastAdjust = 0;
  private lastCut = -Infinity;
  private lastRaise = -Infinity;
  /** Answers since the last cut: throttles that came before a cut must not cause another. */
  private sinceCut = { throttles: 0, answers: 0 };

  constructor(options: Partial<AdaptiveRateOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.counts = new SlidingCounts(this.options.windowMs, this.options.now);
  }

  recordThrottle(): void {
    this.counts.add('throttle');
    this.sinceCut.throttles++;
    this.sinceCut.answers++;
    this.adjust();
  }

  recordSuccess(): void {
    this.counts.add('success');
    this.sinceCut.answers++;
    this.adjust();
  }

  /** Calls per second allowed, or undefined while unlimited. */
  rate(): number | undefined {
    this.adjust();
    return this.limit;
  }

  private adjust(): void {
    const now = this.options.now();
    if (now - this.lastAdjust < this.options.adjustEveryMs) return;
    this.lastAdjust = now;
    const throttles = this.counts.sum('throttle');
    const successes = this.counts.sum('success');
    const accepted = successes / (this.counts.coveredMs() / 1000);
    const share = throttles / Math.max(1, throttles + successes);
    // Within a window of the last cut, only the answers since it count.
    const recent = now - this.lastCut < this.options.windowMs ? this.sinceCut : { throttles, answers: throttles + successes };
    const sustained = recent.throttles >= this.options.minThrottles && recent.throttles / Math.max(1, recent.answers) >= this.options.throttleShare;
    if (sustained) {
      this.limit = Math.max(1, Math.min(this.limit ?? Infinity, accepted * this.options.backoffFactor));
      this.lastCut = now;
      this.sinceCut = { throttles: 0, answers: 0 };
    } else if (this.limit !== undefined && share < this.options.throttleShare / 2 && now - Math.max(this.lastRaise, this.lastCut) >= 1_000) {
      // Between half the threshold and the threshold the limit holds: close to what Glue accepts.
      this.limit *= this.options.recoveryFactor;
      // Well above what is being sent: the limit no longer binds, so drop it.
      if (this.limit > 2 * accepted + 10) this.limit = undefined;
      this.lastRaise = now;
    }
  }
}
