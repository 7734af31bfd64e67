/**
 * A node-redis client configured for failing fast, shared by everything replicas keep in Redis (the
 * cache, the fleet's Glue rate budget, subscription leases). While Redis is unreachable, commands fail
 * at once (no offline queue) instead of piling up, the client reconnects on its own with capped
 * backoff, and every 'error' event has a listener, so an outage degrades each feature, never crashes.
 */
import { createClient, type RedisClientType } from '@keyv/redis';
import type { Logger } from 'pino';

export type RedisConnection = RedisClientType;

export interface RedisConnectionOptions {
  url: string;
  /** Commands not yet sent after this long are dropped from the client's queue (REDIS_TIMEOUT_MS). */
  commandTimeoutMs: number;
  /** Connect timeout of one attempt; also how long start-up waits for the first connection. */
  connectTimeoutMs: number;
  logger: Logger;
  /** Names the connection in logs. */
  component: string;
}

/** Reconnect delays: 100 ms doubling to 5 s, with jitter so replicas do not reconnect in lockstep. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** attempt, 5_000) + Math.floor(Math.random() * 100);
}

/** Logs the first error of an outage and the reconnection, not every failed attempt. */
function logConnectionState(client: RedisConnection, log: Logger): void {
  let connected = false;
  client.on('error', (err: Error) => {
    if (connected) log.warn({ error: err.name, reason: err.message }, 'Redis connection lost; reconnecting');
    connected = false;
  });
  client.on('ready', () => {
    if (!connected) log.info('Redis connected');
    connected = true;
  });
}

/** Waits a little for the first connection so a fresh replica starts warm, but never refuses to start. */
async function firstConnection(client: RedisConnection, waitMs: number, log: Logger): Promise<void> {
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([connected, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)))]);
  clearTimeout(timer);
  if (!ready) log.warn('Redis is not reachable yet; working without it until it is');
}

export async function connectRedis(options: RedisConnectionOptions): Promise<RedisConnection> {
  const client: RedisConnection = createClient({
    url: options.url,
    disableOfflineQueue: true,
    // Bounds the queue while Redis is slow or hung; callers stop waiting at the same time.
    commandOptions: { timeout: options.commandTimeoutMs },
    socket: { connectTimeout: options.connectTimeoutMs, reconnectStrategy: reconnectDelay },
  }) as RedisConnection;
  const log = options.logger.child({ component: options.component });
  logConnectionState(client, log);
  await firstConnection(client, options.connectTimeoutMs, log);
  return client;
}

/** A second connection to the same server (pub/sub needs one of its own), with the same settings. */
export async function duplicateConnection(client: RedisConnection, options: Pick<RedisConnectionOptions, 'connectTimeoutMs' | 'logger' | 'component'>): Promise<RedisConnection> {
  const copy = client.duplicate() as RedisConnection;
  const log = options.logger.child({ component: options.component });
  logConnectionState(copy, log);
  await firstConnection(copy, options.connectTimeoutMs, log);
  return copy;
}

/** Closes politely when connected (pending replies arrive first), at once otherwise. */
export async function closeConnection(client: RedisConnection): Promise<void> {
  if (!client.isOpen) return;
  if (client.isReady) await client.close().catch(() => client.destroy());
  else client.destroy();
}
