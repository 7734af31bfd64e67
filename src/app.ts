/**
 * The composition root: from a validated Config to a running gateway. Shared by `npm start` and the
 * integration tests, so the tests exercise exactly the wiring production uses.
 *
 * A lookup passes, outermost first: the operation's DataLoader (batching, per operation) → the
 * finished-run cache (shared, across operations and replicas) → in-flight coalescing (across
 * operations) → last-known runs (stale-if-error) (across operations) → the Glue API under the upstream policy (deadline,
 * retries, retry budget, rate, concurrency slot per attempt, circuit breaker).
 */
import type { Logger } from 'pino';
import { withFinishedRunCache } from './cache/finished-run-cache.js';
import { withInFlightCoalescing } from './cache/inflight-coalescing.js';
import { withStaleIfError } from './cache/stale-if-error.js';
import { createSharedCache } from './cache/shared-cache.js';
import type { Config } from './config.js';
import { createGlueApi } from './glue/operations.js';
import { createGlueClient } from './glue/client.js';
import { LocalRateBudget, type RateBudget } from './glue/rate-budget.js';
import { createUpstreamPolicy } from './glue/upstream-policy.js';
import { observeUpstreamCalls } from './observability/instrumentation.js';
import { GatewayMetrics } from './observability/metrics.js';
import { upstreamPolicyMetrics } from './observability/upstream-policy-metrics.js';
import { connectFleet, fleetTaskRunWatcher, glueRateBudget } from './fleet.js';
import { createGateway, type Gateway } from './server.js';

export interface AppUpstream {
  region: string;
  endpoint?: string;
  /** Static credentials for endpoints that do not verify them (the emulator); AWS uses the default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface App {
  gateway: Gateway;
  url: string;
  port: number;
  /** Set when METRICS_PORT serves /metrics apart from the GraphQL port. */
  metricsUrl?: string;
  metrics: GatewayMetrics;
  stop(): Promise<void>;
}

export async function startApp(config: Config, upstream: AppUpstream, logger: Logger): Promise<App> {
  const metrics = new GatewayMetrics();
  const sharedCache = await createSharedCache(config.cache, { logger, metrics });
  const fleet = await connectFleet(config, logger);
  const upstreamId = `${upstream.region}|${upstream.endpoint ?? 'aws'}`;
  // GLUE_MAX_RPS: the fleet-wide budget (per process without REDIS_URL); otherwise this process's own
  // adaptive rate. Both are a RateBudget, so the upstream policy takes either.
  const rateBudget: RateBudget = glueRateBudget(fleet, config, logger, upstreamId) ?? new LocalRateBudget();
  const policy = createUpstreamPolicy({
    ...config.glue,
    ...config.upstreamPolicy,
    rateBudget,
    hooks: upstreamPolicyMetrics(metrics, rateBudget),
  });
  const client = createGlueClient({ ...upstream, glue: config.glue, policy });
  const upstreamApi = createGlueApi(client, { policy, observe: observeUpstreamCalls(metrics) });
  // Right above the Glue API, so only runs actually fetched are remembered, once per call sent.
  const lastKnown =
    config.staleIfErrorSeconds > 0
      ? withStaleIfError(upstreamApi, { cache: sharedCache.lastKnown, ttlSeconds: config.staleIfErrorSeconds, upstreamId, metrics })
      : upstreamApi;
  const glue = withFinishedRunCache(withInFlightCoalescing(lastKnown, metrics), {
    cache: sharedCache.cache,
    ttlSeconds: config.cache.finishedTtlSeconds,
    upstreamId,
    metrics,
  });
  const taskRunWatcher = fleet ? fleetTaskRunWatcher(fleet, config, glue, logger, upstreamId) : undefined;
  const gateway = await createGateway({ config, glue, logger, cache: sharedCache.cache, metrics, taskRunWatcher, redis: sharedCache.redisClient });
  metrics.watcherSource = () => gateway.taskRunWatcher.stats();
  const { url, port, metricsUrl } = await gateway.listen();
  logger.info({ backend: sharedCache.backend }, 'Finished-run cache ready');
  return {
    gateway,
    url,
    port,
    metricsUrl,
    metrics,
    async stop() {
      await gateway.stop();
      client.destroy();
      await policy.close();
      await Promise.all([sharedCache.close(), fleet?.close()]);
    },
  };
}
