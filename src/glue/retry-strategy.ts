/**
 * The SDK's own retry strategy (standard, or adaptive on request), wrapped so that a retry is only
 * started when it can still help: not past the call's deadline, and not past the retry budget. Any
 * refusal makes the SDK's retry middleware throw the attempt's own error, so the cause is kept.
 */
import { AdaptiveRetryStrategy, MAXIMUM_RETRY_DELAY, Retry, StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryBackoffStrategy, StandardRetryToken } from '@smithy/types';
import { setTimeout as sleep } from 'node:timers/promises';
import { callScopeOfError } from './call-scope.js';
import { classifyGlueError } from './errors.js';
import { RetryRefusedError } from './policy-errors.js';
import type { RetryBudget } from './retry-budget.js';

export interface RetryHooks {
  onRetry?(operation: string, reason: string): void;
  onBudgetExhausted?(operation: string): void;
  onDeadlineRefusal?(operation: string): void;
}

/**
 * The SDK strategy's own wait, which would run with no knowledge of the call: the wrapper draws the
 * delay instead (backoffDelay), so it can refuse one that would end past the call's deadline.
 */
const NO_WAIT: StandardRetryBackoffStrategy = { computeNextBackoffDelay: () => 0, setDelayBase: () => undefined };

/**
 * The SDK's full-jitter exponential backoff, with its bases (Retry: longer after a throttle), and a
 * Retry-After hint honoured up to 5 s past the drawn delay, as the SDK's strategy does.
 */
function backoffDelay(errorInfo: Pick<RetryErrorInfo, 'errorType' | 'retryAfterHint'>, retries: number): number {
  const base = errorInfo.errorType === 'THROTTLING' ? Retry.throttlingDelay() : Retry.delay();
  const delay = Math.floor(Math.random() * Math.min(base * 2 ** retries, MAXIMUM_RETRY_DELAY));
  const hint = errorInfo.retryAfterHint;
  return hint instanceof Date ? Math.max(delay, Math.min(hint.getTime() - Date.now(), delay + 5_000)) : delay;
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
    this.inner = mode === 'adaptive' ? new AdaptiveRetryStrategy(maxAttempts, { backoff: NO_WAIT }) : new StandardRetryStrategy({ maxAttempts, backoff: NO_WAIT });
  }

  acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    this.budget.recordRequest();
    return this.inner.acquireInitialRetryToken(scope) as Promise<StandardRetryToken>;
  }

  async refreshRetryTokenForRetry(token: StandardRetryToken, reported: RetryErrorInfo): Promise<StandardRetryToken> {
    const errorInfo = asClassified(reported);
    const scope = callScopeOfError(reported.error);
    const operation = scope?.operation ?? 'unknown';
    // Only what the SDK itself would retry reaches the budget, so client errors never spend it.
    if (!RETRYABLE.has(errorInfo.errorType) || token.getRetryCount() + 1 >= this.maxAttempts) {
      throw new RetryRefusedError('not retryable');
    }
    if (errorInfo.errorType === 'THROTTLING' && !this.retryThrottles()) {
      throw new RetryRefusedError('over the rate Glue accepts');
    }
    const delay = backoffDelay(errorInfo, token.getRetryCount());
    if (scope && Date.now() + delay >= scope.deadlineAt) {
      this.hooks.onDeadlineRefusal?.(operation);
      throw new RetryRefusedError('the backoff would end past the deadline');
    }
    if (!this.budget.tryRetry()) {
      this.hooks.onBudgetExhausted?.(operation);
      throw new RetryRefusedError('the retry budget is spent');
    }
    // The SDK's strategy still decides (its retry quota) and counts; its own wait is NO_WAIT.
    const next = (await this.inner.refreshRetryTokenForRetry(token, { ...errorInfo, retryAfterHint: undefined })) as StandardRetryToken;
    // Ends before the deadline (checked above).
    await sleep(delay);
    this.hooks.onRetry?.(operation, errorInfo.errorType);
    return next;
  }

  recordSuccess(token: StandardRetryToken): void {
    this.inner.recordSuccess(token);
  }
}
