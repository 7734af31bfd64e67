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
import { createRedisCache } from './redis-cache.js';
import { ResilientKeyValueCache } from './resilient-cache.js';

export interface SharedCache {
  cache: KeyValueCache<string>;
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
    return { cache: new InMemoryLRUCache<string>({ max: config.finishedMaxEntries }), backend: 'memory', async close() {} };
  }
  const redis = await createRedisCache({
    url: config.redisUrl,
    commandTimeoutMs: config.redisTimeoutMs,
    connectTimeoutMs: Math.max(config.redisTimeoutMs, 1_000),
    logger,
  });
  return {
    cache: new ResilientKeyValueCache(redis.cache, { timeoutMs: config.redisTimeoutMs, logger, metrics }),
    backend: 'redis',
    redisClient: redis.client,
    close: () => redis.close(),
  };
}
