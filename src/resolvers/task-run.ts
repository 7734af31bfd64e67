/** Fields of MLTaskRun, resolved from Glue's TaskRun record (the codegen mapper). */
import type { MLTaskRunResolvers } from '../generated/graphql.js';
import { propertiesTaskType, toTaskRunStatus } from './mapping.js';
import { taskRunGlobalId } from './global-ids.js';
import { assertGlueId } from '../data/validation.js';
import { hintTaskRun } from './cache-hints.js';

export const MLTaskRun: MLTaskRunResolvers = {
  // Federation entities go through the operation's loader too: one _entities batch, one call per run.
  // Async, so a bad representation rejects only its own index instead of failing the whole _entities list.
  // The hint lands on `_entities` (the info passed here is its), so an entity batch is cacheable too.
  __resolveReference: async ({ transformId, taskRunId }, { loaders, config }, info) => {
    assertGlueId('transformId', transformId);
    assertGlueId('taskRunId', taskRunId);
    return hintTaskRun(info, await loaders.taskRun.load({ transformId, taskRunId }), config.cacheControl);
  },
  id: (run) => taskRunGlobalId({ transformId: run.TransformId ?? '', taskRunId: run.TaskRunId ?? '' }),
  transformId: (run) => run.TransformId ?? '',
  taskRunId: (run) => run.TaskRunId ?? '',
  status: (run, _args, { logger }) => {
    const status = toTaskRunStatus(run.Status);
    // Worth knowing: the schema (and the SDK pin) should be updated for a value Glue now sends.
    if (status === null && run.Status !== undefined) {
      logger.warn({ rawStatus: run.Status, taskRunId: run.TaskRunId }, 'Glue sent a task-run status this schema does not know');
    }
    return status;
  },
  rawStatus: (run) => run.Status ?? null,
  logGroupName: (run) => run.LogGroupName ?? null,
  // An unknown task type has no variant to resolve to: null here, visible in rawTaskType.
  properties: (run, _args, { logger }) => {
    if (!run.Properties) return null;
    if (propertiesTaskType(run.Properties)) return run.Properties;
    logger.warn({ rawTaskType: run.Properties.TaskType, taskRunId: run.TaskRunId }, 'Glue sent a task type this schema does not know');
    return null;
  },
  rawTaskType: (run) => run.Properties?.TaskType ?? null,
  errorString: (run) => run.ErrorString ?? null,
  startedOn: (run) => run.StartedOn ?? null,
  lastModifiedOn: (run) => run.LastModifiedOn ?? null,
  completedOn: (run) => run.CompletedOn ?? null,
  executionTime: (run) => run.ExecutionTime ?? null,
  // Always set by the adapter; the fallback only guards records made elsewhere (tests, older cache entries).
  fetchedAt: (run) => run.fetchedAt ?? new Date(),
  stale: (run) => run.stale === true,
  transform: (run, _args, { loaders }) => loaders.transform.load(run.TransformId ?? ''),
};
