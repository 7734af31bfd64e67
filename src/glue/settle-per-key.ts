/**
 * The batch step every Glue-backed DataLoader shares: one call per key, all in flight together, and
 * one coded GraphQL error per failed key, so a failure never fails its neighbours in the batch.
 */
import type { GraphQLError } from 'graphql';
import { toGraphQLError } from './errors.js';

export interface SettleOptions<K> {
  debugErrors?: boolean;
  /** Told about every failed Glue call (for logs), before it becomes a GraphQL error. */
  onUpstreamError?: (key: K, error: unknown) => void;
}

export async function settlePerKey<K, V>(
  keys: readonly K[],
  fetch: (key: K) => Promise<V>,
  options: SettleOptions<K>,
): Promise<(V | GraphQLError)[]> {
  const settled = await Promise.allSettled(keys.map(fetch));
  return settled.map((result, i) => {
    if (result.status === 'fulfilled') return result.value;
    options.onUpstreamError?.(keys[i]!, result.reason);
    const key = keys[i]!;
    const clientValues = typeof key === 'string' ? [key] : Object.values(key as object).filter((v): v is string => typeof v === 'string');
    return toGraphQLError(result.reason, { debug: options.debugErrors, clientValues });
  });
}
