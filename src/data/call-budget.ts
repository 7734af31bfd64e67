/**
 * A per-operation budget for the Glue calls that list or describe transforms and runs: GetMLTaskRuns,
 * GetMLTransforms and GetMLTransform. Nested listings multiply: `mlTransforms(first: 1000) { nodes {
 * taskRuns } }` would be a thousand calls from one small query, which neither the cost limit (blind to
 * `first`) nor MAX_TASK_RUNS_PER_REQUEST (task-run lookups only) sees. Over budget, the extra calls fail
 * with BAD_USER_INPUT before reaching Glue; what fitted in the budget still resolves.
 */
import { badUserInput } from '../errors.js';
import type { GlueApi } from '../glue/operations.js';

/** The calls MAX_LIST_CALLS_PER_REQUEST counts (GetMLTaskRun is bounded by MAX_TASK_RUNS_PER_REQUEST). */
const BUDGETED_OPERATIONS = ['getMLTaskRuns', 'getMLTransforms', 'getMLTransform'] as const satisfies readonly (keyof GlueApi)[];

export function withListAndDescribeBudget(glue: GlueApi, limit: number): GlueApi {
  let used = 0;
  const spend = () => {
    used += 1;
    if (used > limit) {
      throw badUserInput(
        `This request needs more than ${limit} Glue listing calls (MAX_LIST_CALLS_PER_REQUEST); ask for fewer or smaller nested lists.`,
      );
    }
  };
  const budgeted: GlueApi = { ...glue };
  for (const name of BUDGETED_OPERATIONS) {
    const call = glue[name] as (...args: unknown[]) => Promise<unknown>;
    (budgeted[name] as (...args: unknown[]) => Promise<unknown>) = async (...args) => {
      spend();
      return call(...args);
    };
  }
  return budgeted;
}
