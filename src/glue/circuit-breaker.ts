/**
 * One circuit breaker per Glue endpoint (cockatiel's sampling breaker): when most attempts over a
 * short window fail with an outage (5xx, dropped connection, timeout), calls fail at once for a
 * cool-down instead of waiting on a dead Glue; then a probe goes through (half-open), and a success
 * closes the circuit. Throttling is not an outage: Glue is up, the rate budget deals with it.
 */
import { circuitBreaker, CircuitState, handleWhen, isBrokenCircuitError, SamplingBreaker, type CircuitBreakerPolicy } from 'cockatiel';
import { classifyGlueError } from './errors.js';
import { GlueCircuitOpenError, GlueRateLimitedError } from './policy-errors.js';

export type CircuitStateName = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Share of failed attempts (0..1) over `windowMs` that opens the circuit. */
  threshold: number;
  windowMs: number;
  /** Below this many attempts per second the circuit never opens (a lone failure is not an outage). */
  minimumRps: number;
  coolDownMs: number;
  onStateChange?: (state: CircuitStateName) => void;
}

const NAMES: Record<number, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

export function isOutage(error: unknown): boolean {
  if (error instanceof GlueRateLimitedError || error instanceof GlueCircuitOpenError) return false;
  const { code } = classifyGlueError(error);
  return code === 'UPSTREAM_UNAVAILABLE' || code === 'UPSTREAM_TIMEOUT';
}

export class UpstreamBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private openedAt = 0;

  constructor(private readonly options: BreakerOptions) {
    this.policy = circuitBreaker(handleWhen(isOutage), {
      halfOpenAfter: options.coolDownMs,
      breaker: new SamplingBreaker({ threshold: options.threshold, duration: options.windowMs, minimumRps: options.minimumRps }),
    });
    this.policy.onBreak(() => {
      this.openedAt = Date.now();
    });
    this.policy.onStateChange((state) => options.onStateChange?.(NAMES[state] ?? 'open'));
  }

  state(): CircuitStateName {
    return NAMES[this.policy.state] ?? 'open';
  }

  /** Milliseconds until the cool-down ends (0 once a probe may go through). */
  coolDownLeftMs(): number {
    if (this.state() === 'closed') return 0;
    return Math.max(0, this.openedAt + this.options.coolDownMs - Date.now());
  }

  async execute<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(attempt);
    } catch (error) {
      // While half-open only the probe goes through; the others wait as long as a short cool-down.
      if (isBrokenCircuitError(error)) throw new GlueCircuitOpenError(Math.max(250, this.coolDownLeftMs()));
      throw error;
    }
  }
}
