/**
 * What one logical Glue call (all its attempts) carries through the SDK's middleware: its deadline and
 * the last answer Glue gave. The SDK's retry strategy and middleware are per client, not per call, so
 * the call's own state rides in AsyncLocalStorage, which follows the SDK's promise chain.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallScope {
  operation: string;
  /** Epoch ms after which no attempt or backoff may run. */
  deadlineAt: number;
  signal: AbortSignal;
  /** When the call's request began (call-priority.ts): earlier goes first for a concurrency slot. */
  order: number;
  /** The last error Glue itself answered with (it has an HTTP status), kept to report when the deadline ends the call. */
  lastAnswer?: unknown;
  attempts: number;
}

const storage = new AsyncLocalStorage<CallScope>();

export function runInCallScope<T>(scope: CallScope, run: () => Promise<T>): Promise<T> {
  return storage.run(scope, run);
}

export function currentCallScope(): CallScope | undefined {
  return storage.getStore();
}
