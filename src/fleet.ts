/**
 * What replicas sharing a Redis (REDIS_URL) coordinate besides the cache: who polls a followed run
 * (subscriptions/fleet-watcher.ts) and how fast the fleet may call Glue (glue/fleet-rate-budget.ts).
 * Two connections of their own: one for commands, one for pub/sub. Without REDIS_URL, nothing here
 * runs and each process works alone.
 */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createFleetRateBudget } from './glue/fleet-rate-budget.js';
import type { GlueApi } from './glue/operations.js';
import type { RateBudget } from './glue/rate-budget.js';
import type { RedisConnection } from './redis/connection.js';
import { createFleetTaskRunWatcher } from './subscriptions/fleet-watcher.js';
import type { TaskRunWatcher } from './subscriptions/task-run-watcher.js';

export interface FleetRedis {
  redis: RedisConnection;
  subscriber: RedisConnection;
  close(): Promise<void>;
}

export async function connectFleet(config: Config, logger: Logger): Promise<FleetRedis | undefined> {
  const url = config.cache.redisUrl;
  if (!url) return undefined;
  // Loaded only with REDIS_URL: node-redis is a few MiB of resident memory a lone process never needs.
  const { closeConnection, connectRedis, duplicateConnection } = await import('./redis/connection.js');
  const timeouts = { commandTimeoutMs: config.cache.redisTimeoutMs, connectTimeoutMs: Math.max(config.cache.redisTimeoutMs, 1_000) };
  const redis = await connectRedis({ url, ...timeouts, logger, component: 'fleet-redis' });
  const subscriber = await duplicateConnection(redis, { ...timeouts, logger, component: 'fleet-pubsub' });
  return {
    redis,
    subscriber,
    async close() {
      await Promise.all([closeConnection(subscriber), closeConnection(redis)]);
    },
  };
}

/** One poller per followed run for the whole fleet; `namespace` keeps fleets on different Glue endpoints apart. */
export function fleetTaskRunWatcher(fleet: FleetRedis, config: Config, glue: GlueApi, logger: Logger, upstreamId: string): TaskRunWatcher {
  return createFleetTaskRunWatcher({
    redis: fleet.redis,
    subscriber: fleet.subscriber,
    namespace: `glue-ml-graphql:subscriptions:v1:${upstreamId}`,
    glue,
    logger,
    pollIntervalMs: config.subscriptions.pollIntervalMs,
    debugErrors: config.debugErrors,
  });
}

/** GLUE_MAX_RPS for the fleet (with Redis) or this process (without); none when it is not set. */
export function glueRateBudget(fleet: FleetRedis | undefined, config: Config, logger: Logger, upstreamId: string): RateBudget | undefined {
  const { maxRps, fleetSizeHint } = config.glue;
  if (maxRps === undefined) return undefined;
  logger.info({ maxRps, shared: fleet !== undefined, fleetSizeHint }, 'Glue rate budget on');
  return createFleetRateBudget({
    redis: fleet?.redis,
    maxRps,
    fleetSizeHint,
    logger: logger.child({ component: 'glue-rate-budget' }),
    namespace: `glue-ml-graphql:glue-budget:v1:${upstreamId}`,
  });
}
