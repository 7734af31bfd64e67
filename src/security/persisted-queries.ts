/**
 * The store of automatic persisted queries, apart from the finished-run cache so that registering
 * queries can never evict runs: in memory an LRU bounded by bytes (PERSISTED_QUERIES_MAX_BYTES); in
 * Redis the shared client under Apollo's `apq:` prefix, every entry with a TTL
 * (PERSISTED_QUERIES_TTL_SECONDS), so Redis's default `noeviction` policy never fills up with them.
 * A query longer than PERSISTED_QUERY_MAX_BYTES is run but not registered.
 */
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { SecurityConfig } from './config.js';

type Options = SecurityConfig['persistedQueries'];

export class PersistedQueryStore implements KeyValueCache<string> {
  constructor(
    private readonly backend: KeyValueCache<string>,
    private readonly options: Pick<Options, 'ttlSeconds' | 'maxQueryBytes'>,
  ) {}

  get(key: string) {
    return this.backend.get(key);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions) {
    if (Buffer.byteLength(value, 'utf8') > this.options.maxQueryBytes) return;
    const ttl = Math.min(options?.ttl ?? this.options.ttlSeconds, this.options.ttlSeconds);
    await this.backend.set(key, value, { ttl });
  }

  delete(key: string) {
    return this.backend.delete(key);
  }
}

/** `shared`: the Redis-backed shared cache when REDIS_URL is set; otherwise a memory store of its own. */
export function createPersistedQueryStore(options: Options, shared?: KeyValueCache<string>): PersistedQueryStore {
  const backend = shared ?? new InMemoryLRUCache<string>({ maxSize: options.maxBytes });
  return new PersistedQueryStore(backend, options);
}
