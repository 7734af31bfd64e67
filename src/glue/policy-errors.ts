/**
 * Failures the upstream policy raises itself, without Glue being asked: the circuit is open, or the
 * sending rate is spent. Both say when trying again may help (`retryAfterMs`).
 */
export class GlueCircuitOpenError extends Error {
  override name = 'GlueCircuitOpenError';
  constructor(readonly retryAfterMs: number) {
    super('Glue is failing; calls are paused for a cool-down.');
  }
}

export class GlueRateLimitedError extends Error {
  override name = 'GlueRateLimitedError';
  constructor(readonly retryAfterMs: number) {
    super('Over the rate Glue accepts.');
  }
}

/** A retry the policy declined (deadline, budget); the SDK then reports the attempt's own error. */
export class RetryRefusedError extends Error {
  override name = 'RetryRefusedError';
}
