/**
 * Each Glue operation the gateway uses, behind one small typed function. Every call passes the
 * process-wide concurrency cap (GLUE_MAX_CONCURRENCY) and an overall deadline (GLUE_TIMEOUT_MS,
 * retries included), so a hung upstream can never hold a request open indefinitely.
 */
import { GetMLTaskRunCommand, GetMLTransformsCommand, type GlueClient } from '@aws-sdk/client-glue';
import pLimit from 'p-limit';
import type { TaskRunKey, TaskRunRecord } from './task-run.js';

export interface GlueApiOptions {
  maxConcurrency: number;
  timeoutMs: number;
}

export interface GlueApi {
  getMLTaskRun(key: TaskRunKey): Promise<TaskRunRecord>;
  /** The cheapest authenticated call Glue has (one transform at most): proves reachability and credentials. */
  ping(): Promise<void>;
}

export function createGlueApi(client: GlueClient, options: GlueApiOptions): GlueApi {
  const limit = pLimit(options.maxConcurrency);
  const call = <T>(send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> =>
    limit(() => send(AbortSignal.timeout(options.timeoutMs)));

  return {
    async getMLTaskRun(key) {
      const { $metadata: _metadata, ...run } = await call((abortSignal) =>
        client.send(new GetMLTaskRunCommand({ TransformId: key.transformId, TaskRunId: key.taskRunId }), {
          abortSignal,
        }),
      );
      // Glue always echoes the ids; fall back to the request's so the record is self-describing regardless.
      return { ...run, TransformId: run.TransformId ?? key.transformId, TaskRunId: run.TaskRunId ?? key.taskRunId };
    },

    async ping() {
      await call((abortSignal) => client.send(new GetMLTransformsCommand({ MaxResults: 1 }), { abortSignal }));
    },
  };
}
