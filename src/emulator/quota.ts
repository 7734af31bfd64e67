// Glue's per-account API rate limit, as a token bucket: `rps` tokens a second refill a bucket of
// `burst`; a call finding it empty is answered ThrottlingException "Rate exceeded", as Glue does.
// Real time, not the emulator's lifecycle clock: rates are about wall-clock load.

export interface QuotaSettings {
  /** Sustained calls per second. */
  rps: number;
  /** Calls that may arrive at once on a full bucket; defaults to rps. */
  burst?: number;
}

export class ApiQuota {
  private settings: Required<QuotaSettings> | undefined;
  private tokens = 0;
  private refilledAt = 0;
  /** Calls answered ThrottlingException by the quota since the last reset. */
  throttled = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  set(settings: QuotaSettings | undefined): void {
    if (settings === undefined) {
      this.settings = undefined;
      return;
    }
    const burst = settings.burst ?? settings.rps;
    if (!(settings.rps > 0 && Number.isFinite(settings.rps))) throw new RangeError('quota rps must be a positive number');
    if (!(burst >= 1 && Number.isFinite(burst))) throw new RangeError('quota burst must be at least 1');
    this.settings = { rps: settings.rps, burst };
    this.tokens = burst;
    this.refilledAt = this.now();
  }

  get current(): Required<QuotaSettings> | undefined {
    return this.settings;
  }

  /** Takes a token for one call; false (and counted) when the bucket is empty. */
  admit(): boolean {
    if (!this.settings) return true;
    const now = this.now();
    this.tokens = Math.min(this.settings.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.settings.rps);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.throttled++;
    return false;
  }
}
