/**
 * Which Glue calls go first when every GLUE_MAX_CONCURRENCY slot is taken: those of the request that
 * began first. A request whose calls come in rounds (a transform, then its runs) then waits its turn
 * once, not once per round behind every request that arrived meanwhile, so under load the tail
 * latency is close to the median instead of a multiple of it. The data layer says when its request
 * began (AsyncLocalStorage follows the calls through loaders and the SDK); a call made outside any
 * request (a subscription's poll) counts from when it is made.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const requestStart = new AsyncLocalStorage<number>();

/** Runs `call` (and every Glue call it makes) as part of a request that began at `startedAt` (epoch ms). */
export function asPartOfRequest<T>(startedAt: number, call: () => T): T {
  return requestStart.run(startedAt, call);
}

/** When the request the current call belongs to began; now, for a call outside any request. */
export function callOrder(): number {
  return requestStart.getStore() ?? Date.now();
}
