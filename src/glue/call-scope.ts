/**
 * What one logical Glue call (all its attempts) carries through the SDK's middleware, retry strategy
 * and HTTP handler: its deadline, its place in the queue for a concurrency slot, and the last answer
 * Glue gave. Those SDK parts are per client, not per call, so the call's state is found from what the
 * SDK does hand them per call: the command's input object (middleware), a failed attempt's error
 * (retry strategy) and an attempt's HTTP request (handler). Plain WeakMaps, not AsyncLocalStorage: on
 * Node 20 that turns on promise hooks for every promise in the process, a measured 0.25 ms of CPU per
 * request (bench/results/profile-a.md).
 */
import type { HttpRequest } from '@smithy/types';

export interface CallScope {
  operation: string;
  /** Epoch ms after which no attempt, wait or backoff may run. */
  deadlineAt: number;
  /** When the call's request began: earlier goes first for a concurrency slot (upstream-policy.ts). */
  order: number;
  /** The last error Glue itself answered with (it has an HTTP status), kept to report when the deadline ends the call. */
  lastAnswer?: unknown;
}

const byInput = new WeakMap<object, CallScope>();
const byError = new WeakMap<object, CallScope>();
const byRequest = new WeakMap<HttpRequest, CallScope>();

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** Makes the scope findable by the middleware: the call must send a command made from this very `input`. */
export function openCallScope(input: object, scope: CallScope): CallScope {
  byInput.set(input, scope);
  return scope;
}

/** The scope of the call whose command has this input (undefined for a call sent outside the policy). */
export function callScopeOfInput(input: unknown): CallScope | undefined {
  return isObject(input) ? byInput.get(input) : undefined;
}

/** Remembers which call an attempt's HTTP request belongs to, for the handler that sends it. */
export function tagAttemptRequest(request: unknown, scope: CallScope): void {
  if (isObject(request)) byRequest.set(request as HttpRequest, scope);
}

export function callScopeOfRequest(request: HttpRequest): CallScope | undefined {
  return byRequest.get(request);
}

/** Remembers which call an attempt's error ended, for the retry strategy that decides on it. */
export function tagAttemptError(error: unknown, scope: CallScope): void {
  if (isObject(error)) byError.set(error, scope);
}

export function callScopeOfError(error: unknown): CallScope | undefined {
  return isObject(error) ? byError.get(error) : undefined;
}
