/**
 * The Redis-backed KeyValueCache that replicas share: Apollo's Keyv adapter over Keyv and @keyv/redis,
 * on a node-redis client configured for failing fast. While Redis is unreachable, commands fail at once
 * (no offline queue) instead of piling up, the client reconnects on its own with capped backoff, and
 * every 'error' event has a listener, so an outage is a stream of cache misses, never a crash.
 */
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createKeyv } from '@keyv/redis';
import type { Logger } from 'pino';
import { connectRedis } from '../redis/connection.js';

export interface RedisCacheOptions {
  url: string;
  /** Commands not yet sent after this long are dropped from the client's queue (REDIS_TIMEOUT_MS). */
  commandTimeoutMs: number;
  /** Connect timeout of one attempt; also how long start-up waits for the first connection. */
  connectTimeoutMs: number;
  logger: Logger;
}

export interface RedisCache {
  cache: KeyValueCache<string>;
  /** The node-redis client itself, for rate limiters that share the connection. */
  client: unknown;
  close(): Promise<void>;
}

export async function createRedisCache({ url, commandTimeoutMs, connectTimeoutMs, logger }: RedisCacheOptions): Promise<RedisCache> {
  const client = await connectRedis({ url, commandTimeoutMs, connectTimeoutMs, logger, component: 'redis-cache' });

  // throwOnErrors: failures reach ResilientKeyValueCache, which counts and logs them, instead of
  // being swallowed as silent misses.
  const keyv = createKeyv(client, { throwOnErrors: true, throwOnConnectError: true });
  keyv.on('error', () => {
    // Reported by ResilientKeyValueCache (commands) and redis/connection.ts (connection).
  });

  return {
    // The adapter's types come from keyv's CommonJS declarations, ours from its ESM ones: same class.
    cache: new KeyvAdapter<string>(keyv as unknown as ConstructorParameters<typeof KeyvAdapter<string>>[0]),
    client,
    async close() {
      if (client.isOpen) client.destroy();
    },
  };
}
