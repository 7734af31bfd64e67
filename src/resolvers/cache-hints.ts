/**
 * HTTP caching of task runs. A run in a finished status never changes again, so a response made only
 * of finished runs may be cached (by browsers and CDNs in front of GET) for CACHE_FINISHED_MAX_AGE;
 * a run still in progress (or in a status this schema does not know) only for CACHE_IN_PROGRESS_MAX_AGE.
 *
 * Each field that returns runs (root fields, `_entities`) restricts its own hint once per run it
 * returns, so a list gets the shortest lifetime of its runs. Apollo's cache-control plugin then takes
 * the minimum over the whole response, and answers `no-store` when that is 0 or the response has errors.
 * With authentication on, the scope is PRIVATE, so only the caller's own browser cache keeps a response.
 */
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import type { Config } from '../config.js';
import { isFinished, type TaskRunRecord } from '../glue/records.js';

export function taskRunMaxAge(run: TaskRunRecord, policy: Config['cacheControl']): number {
  // A stale answer stands in for a failed refresh: nobody may keep it.
  if (run.stale) return 0;
  return isFinished(run) ? policy.finishedMaxAge : policy.inProgressMaxAge;
}

/** Restricts the cache hint of the field being resolved by this run's lifetime; returns the run. */
export function hintTaskRun(info: GraphQLResolveInfo, run: TaskRunRecord, policy: Config['cacheControl']): TaskRunRecord {
  // Absent when the schema runs outside Apollo Server (unit tests calling graphql() directly).
  maybeCacheControlFromInfo(info)?.cacheHint.restrict({ maxAge: taskRunMaxAge(run, policy), scope: policy.scope });
  return run;
}
