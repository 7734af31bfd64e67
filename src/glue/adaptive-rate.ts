/**
 * The sending rate Glue's throttling implies. Random throttles are noise and change nothing: only when
 * a sizeable share of answers over the last seconds are throttles does the rate drop, to a little under
 * what Glue accepted in the last second (its quota, as a token bucket that has run dry sees it), which
 * becomes the known ceiling. Each calm second raises the rate again: quickly back up to the ceiling,
 * then gently past it (Glue's burst allowance hides an overshoot for seconds, so a fast probe would
 * overshoot far), faster the longer it stays calm, and once the limit is well above what is being
 * sent it is lifted altogether. So a quota is found again with few throttles, and recovery after
 * throttling ends takes seconds (unlike the SDK's adaptive mode, which keeps a process slow long after).
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
  /** Above the ceiling, the first calm second raises the limit by this much; each further one by a step more. */
  probeStep: number;
  /** Below the ceiling, each calm second multiplies the limit by this (up to the ceiling). */
  recoveryFactor: number;
  /** How often the answers are looked at (a cut can follow at once; a raise at most once a second). */
  adjustEveryMs: number;
  now: () => number;
}

/** Sustained throttling: at least this many throttles, and at least this share of the answers (also the fleet's test, rate-factor.ts). */
export const SUSTAINED_THROTTLING = { minThrottles: 5, throttleShare: 0.1 } as const;

const DEFAULTS: AdaptiveRateOptions = {
  ...SUSTAINED_THROTTLING,
  windowMs: 2_000,
  backoffFactor: 0.9,
  probeStep: 0.02,
  recoveryFactor: 1.1,
  adjustEveryMs: 250,
  now: Date.now,
};

export class AdaptiveRate {
  private readonly options: AdaptiveRateOptions;
  /** 'late': a throttle of an attempt sent before the last cut, which says nothing about the new rate. */
  private readonly counts: SlidingCounts<'throttle' | 'late' | 'success'>;
  /** Successes over the last second: what Glue accepts now. */
  private readonly lastSecond: SlidingCounts<'success'>;
  private limit: number | undefined;
  /** What Glue accepted when it last throttled: its quota, as far as is known. */
  private ceiling = Infinity;
  private lastAdjust = 0;
  private lastCut = -Infinity;
  private lastRaise = -Infinity;
  /** Answers since the last cut, and throttles of attempts sent since it: only those can cause another. */
  private sinceCut = { throttles: 0, answers: 0 };
  /** Successes since the last look: right after Glue's burst allowance ran dry, the last second still holds it. */
  private sinceAdjust = 0;

  constructor(options: Partial<AdaptiveRateOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.counts = new SlidingCounts(this.options.windowMs, this.options.now);
    this.lastSecond = new SlidingCounts(1_000, this.options.now, 5);
  }

  /** A throttle of an attempt sent at `sentAt`: one sent before the last cut cannot justify another. */
  recordThrottle(sentAt = this.options.now()): void {
    const late = sentAt < this.lastCut;
    this.counts.add(late ? 'late' : 'throttle');
    if (!late) this.sinceCut.throttles++;
    this.sinceCut.answers++;
    this.adjust();
  }

  recordSuccess(): void {
    this.counts.add('success');
    this.lastSecond.add('success');
    this.sinceAdjust++;
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
    const sinceAdjustMs = now - this.lastAdjust;
    if (sinceAdjustMs < this.options.adjustEveryMs) return;
    const acceptedLately = sinceAdjustMs < 5_000 ? this.sinceAdjust / (Math.max(1, sinceAdjustMs) / 1000) : Infinity;
    this.lastAdjust = now;
    this.sinceAdjust = 0;
    const throttles = this.counts.sum('throttle');
    const successes = this.counts.sum('success');
    const answers = throttles + successes + this.counts.sum('late');
    const share = throttles / Math.max(1, answers);
    // Within a window of the last cut, only the answers since it count.
    const recent = now - this.lastCut < this.options.windowMs ? this.sinceCut : { throttles, answers };
    const sustained = recent.throttles >= this.options.minThrottles && recent.throttles / Math.max(1, recent.answers) >= this.options.throttleShare;
    if (sustained) {
      const accepted = Math.min(acceptedLately, this.lastSecond.perSecond('success'));
      this.ceiling = Math.max(1, accepted);
      this.limit = Math.max(1, Math.min(this.limit ?? Infinity, accepted * this.options.backoffFactor));
      this.lastCut = now;
      this.sinceCut = { throttles: 0, answers: 0 };
    } else if (this.limit !== undefined && share < this.options.throttleShare / 2 && now - Math.max(this.lastRaise, this.lastCut) >= 1_000) {
      // Between half the threshold and the threshold the limit holds: close to what Glue accepts.
      const calmSeconds = (now - this.lastCut) / 1_000;
      this.limit =
        this.limit < this.ceiling
          ? Math.min(this.ceiling, this.limit * this.options.recoveryFactor)
          : this.limit * (1 + this.options.probeStep * Math.max(1, calmSeconds));
      // Well above what is being sent: the limit no longer binds, so drop it.
      const sent = this.counts.perSecond('success');
      if (this.limit > 2 * sent + 10) {
        this.limit = undefined;
        this.ceiling = Infinity;
      }
      this.lastRaise = now;
    }
  }
}
