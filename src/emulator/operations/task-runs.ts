// GetMLTaskRun, GetMLTaskRuns and CancelMLTaskRun.
import { invalidInput } from '../protocol/errors.js';
import { paginate, type SortKey } from '../store/paging.js';
import type { TaskRunState } from '../store/types.js';
import { compact, optional, requireTaskRun, requireTransform, taskRunToWire, type Handler } from './context.js';

/** Glue does not document GetMLTaskRuns' default page size; 100 keeps pages small enough to see paging. */
export const DEFAULT_PAGE_SIZE = 100;

interface TaskRunFilter {
  TaskRunType?: string;
  Status?: string;
  StartedBefore?: number;
  StartedAfter?: number;
}

interface SortCriteria {
  Column: string;
  SortDirection: string;
}

const SORT_KEYS: Record<string, (run: TaskRunState) => SortKey> = {
  TASK_RUN_TYPE: (run) => run.Properties?.TaskType ?? null,
  STATUS: (run) => run.Status ?? null,
  STARTED: (run) => run.StartedOn ?? null,
};

function matches(run: TaskRunState, filter: TaskRunFilter): boolean {
  if (filter.TaskRunType !== undefined && run.Properties?.TaskType !== filter.TaskRunType) return false;
  if (filter.Status !== undefined && run.Status !== filter.Status) return false;
  // Request timestamps are epoch seconds; a run without StartedOn can't satisfy a date filter.
  if (filter.StartedBefore !== undefined && !(run.StartedOn !== undefined && run.StartedOn < filter.StartedBefore * 1000)) return false;
  if (filter.StartedAfter !== undefined && !(run.StartedOn !== undefined && run.StartedOn > filter.StartedAfter * 1000)) return false;
  return true;
}

export const getMLTaskRun: Handler = (input, context) =>
  taskRunToWire(requireTaskRun(context, input.TransformId as string, input.TaskRunId as string));

export const getMLTaskRuns: Handler = (input, context) => {
  const transformId = input.TransformId as string;
  requireTransform(context, transformId);
  const rawFilter = optional<Record<string, unknown>>(input.Filter) ?? {};
  const filter: TaskRunFilter = {
    TaskRunType: optional(rawFilter.TaskRunType),
    Status: optional(rawFilter.Status),
    StartedBefore: optional(rawFilter.StartedBefore),
    StartedAfter: optional(rawFilter.StartedAfter),
  };
  // Without Sort, newest runs come first.
  const sort = optional<SortCriteria>(input.Sort) ?? { Column: 'STARTED', SortDirection: 'DESCENDING' };
  const sortKey = SORT_KEYS[sort.Column];
  if (!sortKey) throw invalidInput(`Sorting not supported for column ${sort.Column}.`);

  const page = paginate({
    items: context.store.listTaskRuns(transformId).filter((run) => matches(run, filter)),
    sortKey,
    id: (run) => run.TaskRunId,
    descending: sort.SortDirection === 'DESCENDING',
    maxResults: optional<number>(input.MaxResults) ?? DEFAULT_PAGE_SIZE,
    // An empty token is what clients send for "first page".
    nextToken: optional<string>(input.NextToken) || undefined,
    query: { transformId, filter, sort: [sort.Column, sort.SortDirection] },
  });
  const result: Record<string, unknown> = { TaskRuns: page.items.map(taskRunToWire) };
  if (page.nextToken) result.NextToken = page.nextToken;
  return result;
};

/**
 * Glue documents that a run "can be cancelled at any time" and lists only EntityNotFoundException for
 * this operation: an unfinished run starts STOPPING, and any other run is answered with its current
 * status and left as it is (a finished run never changes again).
 */
export const cancelMLTaskRun: Handler = (input, context) => {
  const transformId = input.TransformId as string;
  const taskRunId = input.TaskRunId as string;
  const run = requireTaskRun(context, transformId, taskRunId);
  const status = run.Status;
  // Cancelling a run that is already STOPPING changes nothing and answers STOPPING again.
  if (status === 'STARTING' || status === 'RUNNING') {
    context.store.cancelTaskRun(transformId, taskRunId, context.timing.stoppingMs);
    return { TransformId: transformId, TaskRunId: taskRunId, Status: 'STOPPING' };
  }
  return compact({ TransformId: transformId, TaskRunId: taskRunId, Status: status });
};
