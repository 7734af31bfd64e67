/**
 * The one upstream policy: how each Glue call is attempted. Per call: a deadline (GLUE_TIMEOUT_MS,
 * retries and backoffs included) and the SDK's retry strategy, wrapped (retry-strategy.ts) to refuse
 * retries past the deadline or the retry budget. Per attempt (an SDK middleware inside the retry
 * loop, before signing): the rate budget (waiting a little for room, never holding a slot meanwhile),
 * a GLUE_MAX_CONCURRENCY slot held for that attempt only (never while backing off) and the endpoint's
 * circuit breaker; then (a second middleware, after signing) an HTTP timeout at the call's deadline
 * (deadline-http-handler.ts). The last answer Glue gave is kept, so a call the deadline ends reports
 * it rather than a bare timeout.
 */
import type { GlueClient } from '@aws-sdk/client-glue';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FinalizeHandlerArguments, FinalizeRequestMiddleware, MetadataBearer } from '@smithy/types';
import PQueue from 'p-queue';
import { callScopeOfInput, openCallScope, tagAttemptError, tagAttemptRequest, type CallScope } from './call-scope.js';
import { UpstreamBreaker, type BreakerOptions, type CircuitStateName } from './circuit-breaker.js';
import { classifyGlueError, glueDetails, type SdkLikeError } from './errors.js';
import { GlueRateLimitedError } from './policy-errors.js';
import type { RateBudget } from './rate-budget.js';
import { RetryBudget } from './retry-budget.js';
import { PolicyRetryStrategy, type RetryHooks } from './retry-strategy.js';

export interface UpstreamPolicyOptions {
  maxConcurrency: number;
  timeoutMs: number;
  retryMode: 'standard' | 'adaptive';
  maxAttempts: number;
  /** Retries per first attempt over a sliding window (GLUE_RETRY_BUDGET_RATIO). */
  retryBudgetRatio: number;
  rateBudget: RateBudget;
  /** How long an attempt may wait for room in the rate budget before it is refused (GLUE_RATE_MAX_WAIT_MS). */
  rateMaxWaitMs: number;
  breaker: Omit<BreakerOptions, 'onStateChange'>;
  hooks?: UpstreamPolicyHooks;
}

export interface UpstreamPolicyHooks extends RetryHooks {
  /** One attempt answered or failed, after `seconds` in its concurrency slot. */
  onAttempt?(operation: string, seconds: number): void;
  onCircuitState?(state: CircuitStateName): void;
  onRateLimited?(operation: string): void;
}

export interface UpstreamPolicy {
  /** The strategy to give the GlueClient (`retryStrategy`). */
  readonly retryStrategy: PolicyRetryStrategy;
  /** Adds the per-attempt middleware to the client; call once, right after creating it. */
  install(client: GlueClient): void;
  /**
   * Runs one logical call (all its attempts) under the deadline. `send` must send a command made from
   * this very `input` object: that is how the middleware finds the call. `order` is when the call's
   * request began (epoch ms; default now): the oldest request's calls get the next concurrency slot.
   */
  call<T>(operation: string, input: object, send: () => Promise<T>, order?: number): Promise<T>;
  circuitState(): CircuitStateName;
  /** How long until a probe may go through while the circuit is open; 0 otherwise. */
  coolDownLeftMs(): number;
  close(): Promise<void>;
}

const answeredByGlue = (error: unknown): boolean => glueDetails((error ?? {}) as SdkLikeError) !== undefined;

/** What a call ends with at its deadline when Glue never answered: classified UPSTREAM_TIMEOUT. */
const deadlineError = () => new DOMException('The Glue call reached its deadline (GLUE_TIMEOUT_MS)', 'TimeoutError');

export function createUpstreamPolicy(options: UpstreamPolicyOptions): UpstreamPolicy {
  const hooks = options.hooks ?? {};
  const budget = new RetryBudget({ ratio: options.retryBudgetRatio, minRetriesPerSecond: 1, windowMs: 10_000 });
  // While the rate is limited, retrying a throttle only takes a turn from another call.
  const retryStrategy = new PolicyRetryStrategy(options.retryMode, options.maxAttempts, budget, hooks, () => options.rateBudget.currentRate() === undefined);
  const breaker = new UpstreamBreaker({ ...options.breaker, onStateChange: (state) => hooks.onCircuitState?.(state) });
  // Slots go to the oldest request's calls first (a call's `order`); p-queue runs higher priorities first.
  const slots = new PQueue({ concurrency: options.maxConcurrency });
  const rate = options.rateBudget;

  // Past the deadline (or refused a rate permit), a call reports the last answer Glue gave, if any.
  const ended = (scope: CallScope | undefined, fallback: unknown): unknown => scope?.lastAnswer ?? fallback;
  const pastDeadline = (scope: CallScope | undefined) => scope !== undefined && Date.now() >= scope.deadlineAt;

  const sendAttempt = async <O>(scope: CallScope | undefined, run: () => Promise<O>): Promise<O> => {
    if (pastDeadline(scope)) throw ended(scope, deadlineError());
    const sentAt = Date.now();
    const started = performance.now();
    try {
      const out = await breaker.execute(run);
      rate.recordSuccess();
      return out;
    } catch (error) {
      if (answeredByGlue(error)) {
        if (scope) scope.lastAnswer = error;
        const { code } = classifyGlueError(error);
        if (code === 'UPSTREAM_THROTTLED') rate.recordThrottle(sentAt);
        else if (code !== 'UPSTREAM_UNAVAILABLE' && code !== 'UPSTREAM_TIMEOUT') rate.recordSuccess();
      }
      throw error;
    } finally {
      hooks.onAttempt?.(scope?.operation ?? 'unknown', (performance.now() - started) / 1000);
    }
  };

  // One attempt: room in the rate budget (a short wait absorbs a burst; never past the call's
  // deadline), then a slot, the oldest request's first.
  const attempt = async <O>(scope: CallScope | undefined, run: () => Promise<O>): Promise<O> => {
    const maxWaitMs = Math.min(options.rateMaxWaitMs, scope ? scope.deadlineAt - Date.now() : options.rateMaxWaitMs);
    const permit = await rate.take(Math.max(0, maxWaitMs));
    if (!permit.granted) {
      hooks.onRateLimited?.(scope?.operation ?? 'unknown');
      throw ended(scope, new GlueRateLimitedError(permit.retryAfterMs));
    }
    if (permit.waitMs > 0) await sleep(permit.waitMs);
    return slots.add(() => sendAttempt(scope, run), { priority: -(scope?.order ?? Date.now()) });
  };

  const attemptMiddleware: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => async (args: FinalizeHandlerArguments<object>) => {
    const scope = callScopeOfInput(args.input);
    if (!scope) return attempt(undefined, () => next(args));
    try {
      return await attempt(scope, () => next(args));
    } catch (error) {
      // The retry strategy decides on this error next, and needs the call's deadline to.
      tagAttemptError(error, scope);
      throw error;
    }
  };

  // The signed request is the one the HTTP handler sends: tagged, the handler cuts it at the deadline.
  const deadlineMiddleware: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => (args: FinalizeHandlerArguments<object>) => {
    const scope = callScopeOfInput(args.input);
    if (scope) tagAttemptRequest(args.request, scope);
    return next(args);
  };

  return {
    retryStrategy,
    install(client) {
      // Inside the retry loop and before signing: an attempt waits for its slot first, then is signed
      // (so a wait never ages a signature), and a burst of calls queued for slots is not signed all
      // at once ahead of the first ones sent.
      client.middlewareStack.addRelativeTo(attemptMiddleware, {
        name: 'glueUpstreamPolicyAttempt',
        relation: 'after',
        toMiddleware: 'retryMiddleware',
      });
      client.middlewareStack.addRelativeTo(deadlineMiddleware, {
        name: 'glueUpstreamPolicyDeadline',
        relation: 'after',
        toMiddleware: 'httpSigningMiddleware',
      });
    },
    call(operation, input, send, order = Date.now()) {
      const scope = openCallScope(input, { operation, deadlineAt: Date.now() + options.timeoutMs, order });
      return new Promise((resolve, reject) => {
        // A timer cleared with the call (AbortSignal.timeout's would fire for every call, later).
        const timer = setTimeout(() => reject(ended(scope, deadlineError())), options.timeoutMs);
        send()
          .then(resolve, (error: unknown) => reject(pastDeadline(scope) ? ended(scope, error) : error))
          .finally(() => clearTimeout(timer));
      });
    },
    circuitState: () => breaker.state(),
    coolDownLeftMs: () => breaker.coolDownLeftMs(),
    close: () => rate.close(),
  };
}
