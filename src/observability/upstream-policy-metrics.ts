/**
 * Binds the upstream policy's hooks to the gateway's Prometheus metrics: attempt durations, breaker
 * state, retries and refusals, rate-limited attempts, and the current sending rate (read at scrape time).
 */
import type { UpstreamPolicyHooks } from '../glue/upstream-policy.js';
import type { RateBudget } from '../glue/rate-budget.js';
import { boundPerKey, type GatewayMetrics } from './metrics.js';

const STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

export function upstreamPolicyMetrics(metrics: GatewayMetrics, rate: RateBudget): UpstreamPolicyHooks {
  metrics.circuitState.set(0);
  // Sampled on each scrape rather than pushed on every change.
  metrics.rateSource = () => rate.currentRate();
  const attempts = boundPerKey((operation) => metrics.upstreamAttemptDuration.labels({ operation }));
  return {
    onAttempt: (operation, seconds) => attempts(operation).observe(seconds),
    onCircuitState: (state) => metrics.circuitState.set(STATE_VALUE[state]),
    onRetry: (operation, reason) => metrics.upstreamRetries.inc({ operation, reason }),
    onBudgetExhausted: (operation) => metrics.retriesRefused.inc({ operation, reason: 'budget' }),
    onDeadlineRefusal: (operation) => metrics.retriesRefused.inc({ operation, reason: 'deadline' }),
    onRateLimited: (operation) => metrics.rateLimited.inc({ operation }),
  };
}
