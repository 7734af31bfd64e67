/**
 * The per-operation task-run loader. Every way of reaching a run (root fields, aliases, list items,
 * federation entities, connections) goes through it, so N lookups of K distinct runs in one operation
 * cost exactly K Glue calls, all dispatched in the same tick and sent concurrently.
 */
import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import { badUserInput } from '../errors.js';
import type { GlueApi } from '../glue/operations.js';
import { taskRunCacheKey, type TaskRunKey, type TaskRunRecord } from '../glue/records.js';
import { settlePerKey } from './settle-per-key.js';
import type { UpstreamFailureOptions } from './upstream-failure.js';

export type TaskRunLoader = DataLoader<TaskRunKey, TaskRunRecord, string>;

/** Runs around each batch that reaches the Glue API, given its number of distinct keys. */
export type LoaderBatchObserver = <T>(size: number, batch: () => Promise<T>) => Promise<T>;

export interface TaskRunLoaderOptions {
  /** MAX_TASK_RUNS_PER_REQUEST: distinct runs one operation may name. */
  maxTaskRunsPerRequest: number;
  failures: UpstreamFailureOptions;
  /** Metrics and spans per batch. */
  observeBatch?: LoaderBatchObserver;
}

export function tooManyTaskRuns(limit: number): GraphQLError {
  return badUserInput(
    `This request names more than ${limit} task runs (MAX_TASK_RUNS_PER_REQUEST; in a list of keys, repeats count too); split it into smaller requests.`,
  );
}

export function createTaskRunLoader(api: Pick<GlueApi, 'getMLTaskRun'>, options: TaskRunLoaderOptions): TaskRunLoader {
  // DataLoader hands each key to the batch function once per operation, so this counts distinct runs.
  let distinctRuns = 0;
  return new DataLoader<TaskRunKey, TaskRunRecord, string>(
    async (keys) => {
      distinctRuns += keys.length;
      if (distinctRuns > options.maxTaskRunsPerRequest) {
        // Fail the whole batch before any call: the request as a whole is over the limit.
        const error = tooManyTaskRuns(options.maxTaskRunsPerRequest);
        return keys.map(() => error);
      }
      // One Error per failed key: a failure never fails its batch.
      const settle = () =>
        settlePerKey(keys, (key) => api.getMLTaskRun(key), { operation: 'GetMLTaskRun', ids: (key) => ({ ...key }), failures: options.failures });
      return options.observeBatch ? options.observeBatch(keys.length, settle) : settle();
    },
    { cacheKeyFn: taskRunCacheKey },
  );
}
