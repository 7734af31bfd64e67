/**
 * The gateway's one KeyValueCache, behind Apollo's interface: it holds finished task runs and is also
 * Apollo Server's own `cache` (persisted queries and any other Apollo feature that caches). In memory
 * (an LRU bounded by CACHE_FINISHED_MAX_ENTRIES) by default; in Redis when REDIS_URL is set, so every
 * replica shares it. Either way it is wrapped so that a failing cache degrades to misses, never errors.
 */
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { ResilientKeyValueCache } from './resilient-cache.js';

export interface SharedCache {
  cache: KeyValueCache<string>;
  /**
   * Where last known runs are kept (stale-if-error). In memory, an LRU of its own, so remembering
   * running runs never evicts finished ones; in Redis, the same store under its own key prefix.
   */
  lastKnown: KeyValueCache<string>;
  backend: 'memory' | 'redis';
  /** The node-redis client when the backend is Redis (rate limiters use it too). */
  redisClient?: unknown;
  close(): Promise<void>;
}

export interface SharedCacheDeps {
  logger: Logger;
  metrics?: GatewayMetrics;
}

export async function createSharedCache(config: Config['cache'], { logger, metrics }: SharedCacheDeps): Promise<SharedCache> {
  if (!config.redisUrl) {
    // Bounded by entries and, like Apollo's default cache, by total size (about 30 MiB of strings).
    const lru = () => new InMemoryLRUCache<string>({ max: config.finishedMaxEntries });
    return { cache: lru(), lastKnown: lru(), backend: 'memory', async close() {} };
  }
  // Loaded only with REDIS_URL: the Redis client is megabytes of resident memory an in-memory gateway never uses.
  const { createRedisCache } = await import('./redis-cache.js');
  const redis = await createRedisCache({
    url: config.redisUrl,
    commandTimeoutMs: config.redisTimeoutMs,
    connectTimeoutMs: Math.max(config.redisTimeoutMs, 1_000),
    logger,
  });
  const cache = new ResilientKeyValueCache(redis.cache, { timeoutMs: config.redisTimeoutMs, logger, metrics });
  return {
    cache,
    lastKnown: cache,
    backend: 'redis',
    redisClient: redis.client,
    close: () => redis.close(),
  };
}
