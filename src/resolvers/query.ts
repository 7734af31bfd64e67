/** Root query fields: validate ids, then hand every lookup to the operation's task-run loader. */
import type { QueryResolvers } from '../generated/graphql.js';
import { tooManyTaskRuns } from '../glue/loader.js';
import { taskRunCacheKey } from '../glue/task-run.js';
import { assertGlueId } from '../glue/validation.js';

export const Query: QueryResolvers = {
  mlTaskRun: (_root, { transformId, taskRunId }, { loaders }) => {
    assertGlueId('transformId', transformId);
    assertGlueId('taskRunId', taskRunId);
    return loaders.taskRun.load({ transformId, taskRunId });
  },

  mlTaskRuns: (_root, { keys }, { loaders, config }) => {
    const distinct = new Set(keys.map(taskRunCacheKey)).size;
    if (distinct > config.maxTaskRunsPerRequest) throw tooManyTaskRuns(config.maxTaskRunsPerRequest);
    // Each entry resolves or fails on its own: a bad or missing key is null at its index, nothing more.
    return keys.map(async (key, i) => {
      assertGlueId(`keys[${i}].transformId`, key.transformId);
      assertGlueId(`keys[${i}].taskRunId`, key.taskRunId);
      return loaders.taskRun.load(key);
    });
  },
};
