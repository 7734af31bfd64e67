/**
 * The composition root: from a validated Config to a running gateway. Shared by `npm start` and the
 * integration tests, so the tests exercise exactly the wiring production uses.
 *
 * A lookup passes, outermost first: the operation's DataLoader (batching, per operation) → the
 * finished-run cache (shared, across operations and replicas) → in-flight coalescing (across
 * operations) → the Glue API (concurrency cap, deadline, metrics and spans per call sent).
 */
import type { Logger } from 'pino';
import { withFinishedRunCache } from './cache/finished-run-cache.js';
import { withInFlightCoalescing } from './cache/inflight-coalescing.js';
import { createSharedCache } from './cache/shared-cache.js';
import type { Config } from './config.js';
import { createGlueApi } from './glue/operations.js';
import { createGlueClient } from './glue/client.js';
import { observeUpstreamCalls } from './observability/instrumentation.js';
import { GatewayMetrics } from './observability/metrics.js';
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
  const client = createGlueClient({ ...upstream, glue: config.glue });
  const upstreamApi = createGlueApi(client, {
    maxConcurrency: config.glue.maxConcurrency,
    timeoutMs: config.glue.timeoutMs,
    observe: observeUpstreamCalls(metrics),
  });
  const glue = withFinishedRunCache(withInFlightCoalescing(upstreamApi, metrics), {
    cache: sharedCache.cache,
    ttlSeconds: config.cache.finishedTtlSeconds,
    upstreamId: `${upstream.region}|${upstream.endpoint ?? 'aws'}`,
    metrics,
  });
  const gateway = await createGateway({ config, glue, logger, cache: sharedCache.cache, metrics, redis: sharedCache.redisClient });
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
      await sharedCache.close();
    },
  };
}
