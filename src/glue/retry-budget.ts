/**
 * A retry budget in the manner of Finagle's RetryBudget and Envoy's retry budgets: over a sliding
 * window, retries may be at most `ratio` of first attempts (plus a small floor, so a quiet process can
 * still retry a lone failure). During an outage every call fails, so without it each call would send
 * `maxAttempts` requests and multiply the load on a Glue that is already struggling.
 */
import { SlidingCounts } from './sliding-counts.js';

export interface RetryBudgetOptions {
  /** Retries allowed per first attempt over the window, e.g. 0.2. */
  ratio: number;
  /** Retries always allowed per second, whatever the traffic. */
  minRetriesPerSecond: number;
  windowMs: number;
  now?: () => number;
}

export class RetryBudget {
  private readonly counts: SlidingCounts<'request' | 'retry'>;

  constructor(private readonly options: RetryBudgetOptions) {
    this.counts = new SlidingCounts(options.windowMs, options.now);
  }

  recordRequest(): void {
    this.counts.add('request');
  }

  /** Takes one retry from the budget; false when the window's retries already reach the budget. */
  tryRetry(): boolean {
    const { ratio, minRetriesPerSecond, windowMs } = this.options;
    const allowed = ratio * this.counts.sum('request') + (minRetriesPerSecond * windowMs) / 1000;
    if (this.counts.sum('retry') + 1 > allowed) return false;
    this.counts.add('retry');
    return true;
  }
}
