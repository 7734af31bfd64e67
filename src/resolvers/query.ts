/** Root query fields: validate ids, then hand every lookup to the operation's task-run loader. */
import type { QueryResolvers } from '../generated/graphql.js';
import { tooManyTaskRuns } from '../data/task-run-loader.js';
import { assertGlueId } from '../data/validation.js';
import { hintTaskRun } from './cache-hints.js';

export const Query: QueryResolvers = {
  mlTaskRun: async (_root, { transformId, taskRunId }, { loaders, config }, info) => {
    assertGlueId('transformId', transformId);
    assertGlueId('taskRunId', taskRunId);
    return hintTaskRun(info, await loaders.taskRun.load({ transformId, taskRunId }), config.cacheControl);
  },

  mlTaskRuns: (_root, { keys }, { loaders, config }, info) => {
    // Every key counts, repeats too: 9,500 copies of one key cost one Glue call but megabytes of answer.
    if (keys.length > config.maxTaskRunsPerRequest) throw tooManyTaskRuns(config.maxTaskRunsPerRequest);
    // Each entry resolves or fails on its own: a bad or missing key is null at its index, nothing more.
    return keys.map(async (key, i) => {
      assertGlueId(`keys[${i}].transformId`, key.transformId);
      assertGlueId(`keys[${i}].taskRunId`, key.taskRunId);
      return hintTaskRun(info, await loaders.taskRun.load(key), config.cacheControl);
    });
  },
};
