/**
 * The batch step every Glue-backed DataLoader shares: one call per key, all in flight together, and
 * one coded GraphQL error per failed key, so a failure never fails its neighbours in the batch.
 */
import type { GraphQLError } from 'graphql';
import { upstreamFailure, type UpstreamCall, type UpstreamFailureOptions } from './upstream-failure.js';

export interface SettleOptions<K> {
  /** The Glue operation each key costs, for logs. */
  operation: string;
  /** The ids the client sent for a key. */
  ids: (key: K) => UpstreamCall['ids'];
  failures: UpstreamFailureOptions;
}

export async function settlePerKey<K, V>(
  keys: readonly K[],
  fetch: (key: K) => Promise<V>,
  options: SettleOptions<K>,
): Promise<(V | GraphQLError)[]> {
  const settled = await Promise.allSettled(keys.map(fetch));
  return settled.map((result, i) =>
    result.status === 'fulfilled'
      ? result.value
      : upstreamFailure(result.reason, { operation: options.operation, ids: options.ids(keys[i]!) }, options.failures),
  );
}
