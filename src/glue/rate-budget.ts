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
