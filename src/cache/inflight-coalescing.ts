/**
 * GlueApi decorator: concurrent lookups of the same run, from any number of operations, share one
 * GetMLTaskRun call. A hundred clients polling one running run cost one call per overlapping poll,
 * not a hundred. Only calls in flight are shared: a settled result, value or error, is forgotten at
 * once, so nothing here can serve stale data or remember a transient error.
 */
import { trace } from '@opentelemetry/api';
import type { GlueApi } from '../glue/operations.js';
import { taskRunCacheKey, type TaskRunRecord } from '../glue/records.js';
import type { GatewayMetrics } from '../observability/metrics.js';

export function withInFlightCoalescing<T extends Pick<GlueApi, 'getMLTaskRun'>>(inner: T, metrics?: GatewayMetrics): T {
  const inFlight = new Map<string, Promise<TaskRunRecord>>();
  return {
    ...inner,
    getMLTaskRun(key, call) {
      const id = taskRunCacheKey(key);
      const pending = inFlight.get(id);
      if (pending) {
        metrics?.coalescedCalls.inc();
        trace.getActiveSpan()?.addEvent('joined in-flight GetMLTaskRun', { 'glue.task_run_id': key.taskRunId });
        return pending;
      }
      // A joined call keeps the first caller's place in the queue for a slot.
      const shared = inner.getMLTaskRun(key, call).finally(() => inFlight.delete(id));
      inFlight.set(id, shared);
      return shared;
    },
  };
}
