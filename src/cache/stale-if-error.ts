/**
 * GlueApi decorator, stale-if-error (the idea of RFC 5861, per run): every run the gateway gets from
 * Glue is remembered in the shared cache for CACHE_STALE_IF_ERROR_SECONDS. When refreshing a run then
 * fails with a retryable upstream error (throttled, unavailable, timed out, circuit open), the caller
 * gets its last known state marked `stale` instead of an error. Anything else (not found, bad input,
 * access denied) is never papered over: it says something true about the run or the request.
 */
import { PrefixingKeyValueCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { classifyGlueError } from '../glue/errors.js';
import type { GlueApi } from '../glue/operations.js';
import { taskRunCacheKey, type TaskRunRecord } from '../glue/records.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { decodeTaskRun } from './finished-run-cache.js';

export interface StaleIfErrorOptions {
  cache: KeyValueCache<string>;
  ttlSeconds: number;
  /** As for the finished-run cache: replicas on different upstreams never share runs. */
  upstreamId: string;
  metrics?: GatewayMetrics;
}

const PAPERED_OVER = new Set(['UPSTREAM_THROTTLED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']);

/** Whether a failed refresh may be answered with the run's last known state. */
export function mayServeStale(error: unknown): boolean {
  const { code, retryable } = classifyGlueError(error);
  return retryable && PAPERED_OVER.has(code);
}

export function withStaleIfError<T extends Pick<GlueApi, 'getMLTaskRun' | 'getMLTaskRuns'>>(inner: T, options: StaleIfErrorOptions): T {
  const cache = new PrefixingKeyValueCache(options.cache, `glue-ml-graphql:last-known-run:v1:${options.upstreamId}:`);
  const remember = (run: TaskRunRecord) =>
    run.TransformId && run.TaskRunId
      ? cache.set(taskRunCacheKey({ transformId: run.TransformId, taskRunId: run.TaskRunId }), JSON.stringify(run), { ttl: options.ttlSeconds })
      : Promise.resolve();

  const lastKnown = async (cacheKey: string): Promise<TaskRunRecord | undefined> => {
    const json = await cache.get(cacheKey);
    if (json === undefined) return undefined;
    try {
      return decodeTaskRun(json);
    } catch {
      return undefined;
    }
  };

  return {
    ...inner,
    async getMLTaskRun(key, call) {
      try {
        const run = await inner.getMLTaskRun(key, call);
        await remember(run);
        return run;
      } catch (error) {
        if (!mayServeStale(error)) throw error;
        const known = await lastKnown(taskRunCacheKey(key));
        if (!known) throw error;
        options.metrics?.staleAnswers.inc();
        return { ...known, stale: true };
      }
    },
    async getMLTaskRuns(request, call) {
      const page = await inner.getMLTaskRuns(request, call);
      await Promise.all(page.items.map(remember));
      return page;
    },
  };
}
