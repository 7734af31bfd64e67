/**
 * The Redis-backed KeyValueCache that replicas share: Apollo's Keyv adapter over Keyv and @keyv/redis,
 * on a node-redis client configured for failing fast. While Redis is unreachable, commands fail at once
 * (no offline queue) instead of piling up, the client reconnects on its own with capped backoff, and
 * every 'error' event has a listener, so an outage is a stream of cache misses, never a crash.
 */
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createClient, createKeyv } from '@keyv/redis';
import type { Logger } from 'pino';

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

/** Reconnect delays: 100 ms doubling to 5 s, with jitter so replicas do not reconnect in lockstep. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** attempt, 5_000) + Math.floor(Math.random() * 100);
}

export async function createRedisCache({ url, commandTimeoutMs, connectTimeoutMs, logger }: RedisCacheOptions): Promise<RedisCache> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    // Bounds the queue while Redis is slow or hung; ResilientKeyValueCache stops waiting at the same time.
    commandOptions: { timeout: commandTimeoutMs },
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: reconnectDelay },
  });
  const log = logger.child({ component: 'redis-cache' });
  // Connection errors repeat on every reconnect attempt; the first of an outage is worth a warning.
  let connected = false;
  client.on('error', (err: Error) => {
    if (connected) log.warn({ error: err.name, reason: err.message }, 'Redis connection lost; reconnecting');
    connected = false;
  });
  client.on('ready', () => {
    if (!connected) log.info('Redis connected');
    connected = true;
  });

  // Wait a little for the first connection so a fresh replica starts warm, but never refuse to start.
  const firstConnection = client.connect().then(
    () => true,
    () => false,
  );
  let waitTimer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    firstConnection,
    new Promise<false>((resolve) => (waitTimer = setTimeout(() => resolve(false), connectTimeoutMs))),
  ]);
  clearTimeout(waitTimer);
  if (!ready) log.warn('Redis is not reachable yet; serving from Glue until it is');

  // throwOnErrors: failures reach ResilientKeyValueCache, which counts and logs them, instead of
  // being swallowed as silent misses.
  const keyv = createKeyv(client, { throwOnErrors: true, throwOnConnectError: true });
  keyv.on('error', () => {
    // Reported by ResilientKeyValueCache (commands) and the client listener above (connection).
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
