/**
 * What one logical Glue call (all its attempts) carries through the SDK's middleware and retry
 * strategy: its deadline, its place in the queue for a concurrency slot, and the last answer Glue gave.
 * The SDK's middleware and retry strategy are per client, not per call, so the call's state is found
 * from what the SDK does hand them per call: the call's abort signal (in the middleware's context) and
 * an attempt's error (in the strategy's error info). Plain WeakMaps, not AsyncLocalStorage: on Node 20
 * an AsyncLocalStorage turns on promise hooks for every promise in the process, a measured 0.25 ms of
 * CPU per request (bench/results/profile-a.md).
 */
import { SMITHY_CONTEXT_KEY, type HandlerExecutionContext } from '@smithy/types';

export interface CallScope {
  operation: string;
  /** Epoch ms after which no attempt or backoff may run. */
  deadlineAt: number;
  signal: AbortSignal;
  /** When the call's request began: earlier goes first for a concurrency slot (upstream-policy.ts). */
  order: number;
  /** The last error Glue itself answered with (it has an HTTP status), kept to report when the deadline ends the call. */
  lastAnswer?: unknown;
  attempts: number;
}

const bySignal = new WeakMap<AbortSignal, CallScope>();
const byError = new WeakMap<object, CallScope>();

/** Makes the scope findable from the SDK's per-call context: send the call with `scope.signal`. */
export function openCallScope(scope: CallScope): CallScope {
  bySignal.set(scope.signal, scope);
  return scope;
}

/** The scope of the call a middleware is handling (undefined for a call sent outside the policy). */
export function callScopeOf(context: HandlerExecutionContext): CallScope | undefined {
  const signal = context[SMITHY_CONTEXT_KEY]?.abortSignal;
  return signal instanceof AbortSignal ? bySignal.get(signal) : undefined;
}

/** Remembers which call an attempt's error ended, for the retry strategy that decides on it. */
export function tagAttemptError(error: unknown, scope: CallScope): void {
  if (typeof error === 'object' && error !== null) byError.set(error, scope);
}

export function callScopeOfError(error: unknown): CallScope | undefined {
  return typeof error === 'object' && error !== null ? byError.get(error) : undefined;
}
