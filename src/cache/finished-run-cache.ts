/**
 * GlueApi decorator: finished task runs never change, so once Glue has returned a run in a finished
 * status (SUCCEEDED, FAILED, STOPPED, TIMEOUT) it is served from the shared cache until its TTL ends.
 * A run in any other status is never written, and an entry is served only if it is finished, so a
 * running run is always fetched fresh.
 */
import { PrefixingKeyValueCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { trace } from '@opentelemetry/api';
import type { GlueApi } from '../glue/operations.js';
import { isFinished, taskRunCacheKey, type TaskRunRecord } from '../glue/records.js';
import type { GatewayMetrics } from '../observability/metrics.js';

export interface FinishedRunCacheOptions {
  cache: KeyValueCache<string>;
  ttlSeconds: number;
  /**
   * Identifies the Glue upstream (region and endpoint), so replicas that share a Redis but talk to
   * different regions or emulators never see each other's runs.
   */
  upstreamId: string;
  metrics?: GatewayMetrics;
}

const DATE_FIELDS = ['StartedOn', 'LastModifiedOn', 'CompletedOn', 'fetchedAt'] as const;

/** JSON with the SDK's Date fields revived, so a cached run is the same shape as a fresh one. */
export function decodeTaskRun(json: string): TaskRunRecord {
  const run = JSON.parse(json) as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    if (typeof run[field] === 'string') run[field] = new Date(run[field]);
  }
  return run as TaskRunRecord;
}

export function withFinishedRunCache<T extends Pick<GlueApi, 'getMLTaskRun'>>(inner: T, options: FinishedRunCacheOptions): T {
  const cache = new PrefixingKeyValueCache(options.cache, `glue-ml-graphql:finished-run:v1:${options.upstreamId}:`);
  const count = (result: 'hit' | 'miss') => options.metrics?.finishedRunCache.inc({ result });

  const read = async (cacheKey: string): Promise<TaskRunRecord | undefined> => {
    const json = await cache.get(cacheKey);
    if (json === undefined) return undefined;
    try {
      const run = decodeTaskRun(json);
      return isFinished(run) ? run : undefined;
    } catch {
      return undefined; // An entry this version cannot read is a miss; the next write replaces it.
    }
  };

  return {
    ...inner,
    async getMLTaskRun(key, call) {
      const cacheKey = taskRunCacheKey(key);
      const cached = await read(cacheKey);
      if (cached) {
        count('hit');
        trace.getActiveSpan()?.addEvent('finished-run cache hit', { 'glue.task_run_id': key.taskRunId });
        return cached;
      }
      count('miss');
      const run = await inner.getMLTaskRun(key, call);
      // A stale answer is a stand-in for a failed fetch, never a finished run's final word.
      if (isFinished(run) && !run.stale) await cache.set(cacheKey, JSON.stringify(run), { ttl: options.ttlSeconds });
      return run;
    },
  };
}
