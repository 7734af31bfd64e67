/**
 * The order of a run's states, so a subscriber never sees a duplicate or a step back: with several
 * sources (this replica's poller, another replica's over Redis, a remembered result) the same state
 * can arrive twice, and an older one can arrive after a newer one.
 */
import { isFinished, type TaskRunRecord } from '../glue/records.js';

const RANK: Record<string, number> = { STARTING: 0, RUNNING: 1, STOPPING: 2 };

/** Where a status stands in a run's life: finished statuses come last, unknown ones count as finished. */
function statusRank(run: TaskRunRecord): number {
  if (run.Status === undefined) return -1;
  return isFinished(run) ? 3 : (RANK[run.Status] ?? 3);
}

/** Whether `next` is a later state than `previous`: LastModifiedOn first, then the status's place in a run's life. */
export function isNewer(previous: TaskRunRecord | undefined, next: TaskRunRecord): boolean {
  if (!previous) return true;
  const before = previous.LastModifiedOn?.getTime();
  const after = next.LastModifiedOn?.getTime();
  if (before !== undefined && after !== undefined && before !== after) return after > before;
  if (previous.Status === next.Status) return false;
  return statusRank(next) > statusRank(previous);
}
