/**
 * Each Glue operation the gateway uses, behind one small typed function. Every call passes the
 * process-wide concurrency cap (GLUE_MAX_CONCURRENCY) and an overall deadline (GLUE_TIMEOUT_MS,
 * retries included), so a hung upstream can never hold a request open indefinitely.
 */
import { GetMLTaskRunCommand, type GlueClient } from '@aws-sdk/client-glue';
import pLimit from 'p-limit';
import type { TaskRunKey, TaskRunRecord } from './task-run.js';

/** Runs around each Glue call actually sent, inside the cap (so queueing is not counted as latency). */
export type UpstreamCallObserver = <T>(operation: string, call: () => Promise<T>) => Promise<T>;

export interface GlueApiOptions {
  maxConcurrency: number;
  timeoutMs: number;
  /** Metrics and spans per call; defaults to running the call as is. */
  observe?: UpstreamCallObserver;
}

export interface GlueApi {
  getMLTaskRun(key: TaskRunKey): Promise<TaskRunRecord>;
}

export function createGlueApi(client: GlueClient, options: GlueApiOptions): GlueApi {
  const limit = pLimit(options.maxConcurrency);
  const observe = options.observe ?? ((_operation, run) => run());
  const call = <T>(operation: string, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> =>
    limit(() => observe(operation, () => send(AbortSignal.timeout(options.timeoutMs))));

  return {
    async getMLTaskRun(key) {
      const { $metadata: _metadata, ...run } = await call('GetMLTaskRun', (abortSignal) =>
        client.send(new GetMLTaskRunCommand({ TransformId: key.transformId, TaskRunId: key.taskRunId }), {
          abortSignal,
        }),
      );
      // Glue always echoes the ids; fall back to the request's so the record is self-describing regardless.
      return { ...run, TransformId: run.TransformId ?? key.transformId, TaskRunId: run.TaskRunId ?? key.taskRunId };
    },
  };
}
