/**
 * `MLTransform.taskRuns`: GetMLTaskRuns behind a Relay connection. The GraphQL filter and sort become
 * Glue's criteria and the cursors' fingerprint, and every run listed is primed into the operation's
 * task-run loader, so looking it up again in the same operation costs no Glue call.
 */
import type { TaskRunFilterCriteria, TaskRunSortCriteria } from '@aws-sdk/client-glue';
import type { MLTransformtaskRunsArgs } from '../generated/graphql.js';
import { fetchConnection } from '../pagination/connection.js';
import type { TaskRunConnection } from './connection-types.js';
import { queryFingerprint } from '../pagination/cursor.js';
import type { DataContext } from './data-context.js';
import { callGlue } from './upstream-failure.js';


function toGlueFilter(filter: MLTransformtaskRunsArgs['filter']): TaskRunFilterCriteria | undefined {
  if (!filter) return undefined;
  const criteria: TaskRunFilterCriteria = {
    TaskRunType: filter.taskType ?? undefined,
    Status: filter.status ?? undefined,
    StartedBefore: filter.startedBefore ?? undefined,
    StartedAfter: filter.startedAfter ?? undefined,
  };
  return Object.values(criteria).some((v) => v !== undefined) ? criteria : undefined;
}

/** Glue documents no default order, so "newest first" is asked for explicitly when the client gives none. */
const DEFAULT_SORT: TaskRunSortCriteria = { Column: 'STARTED', SortDirection: 'DESCENDING' };

function toGlueSort(sort: MLTransformtaskRunsArgs['sort']): TaskRunSortCriteria {
  return sort ? { Column: sort.column, SortDirection: sort.direction } : DEFAULT_SORT;
}

export async function listTaskRuns(
  context: DataContext,
  transformId: string,
  args: MLTransformtaskRunsArgs,
): Promise<TaskRunConnection> {
  const filter = toGlueFilter(args.filter);
  const sort = toGlueSort(args.sort);
  // Fixed order, plain JSON: the same list always gets the same fingerprint.
  const fingerprint = queryFingerprint([
    'MLTaskRuns',
    transformId,
    filter?.TaskRunType ?? null,
    filter?.Status ?? null,
    filter?.StartedBefore?.toISOString() ?? null,
    filter?.StartedAfter?.toISOString() ?? null,
    sort.Column ?? null,
    sort.SortDirection ?? null,
  ]);
  const connection = await fetchConnection(
    (nextToken, maxResults) =>
      callGlue(context.failures, { operation: 'GetMLTaskRuns', ids: { transformId } }, () =>
        context.glue.getMLTaskRuns({ transformId, maxResults, nextToken, filter, sort }),
      ),
    { first: args.first, after: args.after, fingerprint },
  );
  for (const { node } of connection.edges) {
    if (node.TaskRunId) context.loaders.taskRun.prime({ transformId, taskRunId: node.TaskRunId }, node);
  }
  return connection;
}
