/**
 * The SDK's own retry strategy (standard, or adaptive on request), wrapped so that a retry is only
 * started when it can still help: not past the call's deadline, and not past the retry budget. Any
 * refusal makes the SDK's retry middleware throw the attempt's own error, so the cause is kept.
 */
import { AdaptiveRetryStrategy, MAXIMUM_RETRY_DELAY, StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryBackoffStrategy, StandardRetryToken } from '@smithy/types';
import { currentCallScope } from './call-scope.js';
import { classifyGlueError } from './errors.js';
import { RetryRefusedError } from './policy-errors.js';
import type { RetryBudget } from './retry-budget.js';

export interface RetryHooks {
  onRetry?(operation: string, reason: string): void;
  onBudgetExhausted?(operation: string): void;
  onDeadlineRefusal?(operation: string): void;
}

/**
 * The SDK's full-jitter exponential backoff, plugged in through the strategy's `backoff` option so it
 * can refuse a delay that would end past the call's deadline before the strategy sleeps on it.
 */
class DeadlineAwareBackoff implements StandardRetryBackoffStrategy {
  private base = 100;
  constructor(private readonly hooks: RetryHooks) {}

  setDelayBase(delayBase: number): void {
    this.base = delayBase;
  }

  computeNextBackoffDelay(retries: number): number {
    const delay = Math.floor(Math.random() * Math.min(this.base * 2 ** retries, MAXIMUM_RETRY_DELAY));
    const scope = currentCallScope();
    if (scope && Date.now() + delay >= scope.deadlineAt) {
      this.hooks.onDeadlineRefusal?.(scope.operation);
      throw new RetryRefusedError('the backoff would end past the deadline');
    }
    return delay;
  }
}

const RETRYABLE = new Set(['THROTTLING', 'TRANSIENT']);

// Glue's OperationTimeoutException is a 400, which the SDK takes for a client error; the gateway's
// classification says a retry may help, so the strategy sees it as transient.
function asClassified(errorInfo: RetryErrorInfo): RetryErrorInfo {
  if (errorInfo.errorType !== 'CLIENT_ERROR') return errorInfo;
  const { code, retryable } = classifyGlueError(errorInfo.error);
  return retryable && code === 'UPSTREAM_TIMEOUT' && errorInfo.error?.$metadata?.httpStatusCode !== undefined
    ? { ...errorInfo, errorType: 'TRANSIENT' }
    : errorInfo;
}

export class PolicyRetryStrategy implements RetryStrategyV2 {
  private readonly inner: RetryStrategyV2;

  constructor(
    mode: 'standard' | 'adaptive',
    private readonly maxAttempts: number,
    private readonly budget: RetryBudget,
    private readonly hooks: RetryHooks = {},
    /** False while the sending rate is limited: demand is over what Glue accepts, so a throttle is the answer. */
    private readonly retryThrottles: () => boolean = () => true,
  ) {
    const backoff = new DeadlineAwareBackoff(hooks);
    this.inner = mode === 'adaptive' ? new AdaptiveRetryStrategy(maxAttempts, { backoff }) : new StandardRetryStrategy({ maxAttempts, backoff });
  }

  acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    this.budget.recordRequest();
    return this.inner.acquireInitialRetryToken(scope) as Promise<StandardRetryToken>;
  }

  async refreshRetryTokenForRetry(token: StandardRetryToken, reported: RetryErrorInfo): Promise<StandardRetryToken> {
    const errorInfo = asClassified(reported);
    const operation = currentCallScope()?.operation ?? 'unknown';
    // Only what the SDK itself would retry reaches the budget, so client errors never spend it.
    if (!RETRYABLE.has(errorInfo.errorType) || token.getRetryCount() + 1 >= this.maxAttempts) {
      throw new RetryRefusedError('not retryable');
    }
    if (errorInfo.errorType === 'THROTTLING' && !this.retryThrottles()) {
      throw new RetryRefusedError('over the rate Glue accepts');
    }
    if (!this.budget.tryRetry()) {
      this.hooks.onBudgetExhausted?.(operation);
      throw new RetryRefusedError('the retry budget is spent');
    }
    const next = (await this.inner.refreshRetryTokenForRetry(token, errorInfo)) as StandardRetryToken;
    this.hooks.onRetry?.(operation, errorInfo.errorType);
    return next;
  }

  recordSuccess(token: StandardRetryToken): void {
    this.inner.recordSuccess(token);
  }
}
