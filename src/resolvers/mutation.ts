/**
 * Start and cancel task runs. Inputs are checked before any call; Glue's refusals map to their codes
 * (CONFLICT, FAILED_PRECONDITION, LIMIT_EXCEEDED, ...). Cancelling a finished run is no refusal: Glue
 * answers with the run's status, and so does the payload. The payload carries the run's ids whatever
 * happens next, and reads the run back through the operation's loader: a failed read-back is an error
 * on `taskRun` alone, never on the mutation, so a client never starts a run twice thinking it failed.
 * Served only with GRAPHQL_MUTATIONS=true (src/schema.ts leaves the Mutation type out otherwise).
 */
import type { GatewayContext } from '../context.js';
import type { MutationResolvers, Resolvers } from '../generated/graphql.js';
import { assertS3Uri } from '../data/s3-uri.js';
import { callGlue } from '../data/upstream-failure.js';
import type { CancelledTaskRun, TaskRunKey } from '../glue/records.js';
import { assertGlueId } from '../data/validation.js';
import { toTaskRunStatus } from './mapping.js';
import { assertAllowedS3Location } from '../data/s3-allowed-prefixes.js';
import { assertCanWrite } from './write-access.js';

/** Syntax first (s3-uri.ts), then the allowed prefixes: both before any call. */
function assertS3Location(context: GatewayContext, argumentName: string, uri: string): void {
  assertS3Uri(argumentName, uri);
  assertAllowedS3Location(argumentName, uri, context.config.s3AllowedPrefixes);
}

/** Calls Glue, then drops any cached copy of the run so the payload reads its state after the call. */
async function changeRun<T extends TaskRunKey>(
  context: GatewayContext,
  operation: string,
  ids: { transformId: string; taskRunId?: string },
  send: () => Promise<T>,
): Promise<T> {
  const key = await callGlue(context.failures, { operation, ids }, send);
  context.loaders.taskRun.clear(key);
  return key;
}

export const Mutation: MutationResolvers = {
  startMLEvaluationTaskRun: (_root, { transformId }, context) => {
    assertCanWrite(context);
    assertGlueId('transformId', transformId);
    return changeRun(context, 'StartMLEvaluationTaskRun', { transformId }, () => context.glue.startMLEvaluationTaskRun(transformId));
  },

  startMLLabelingSetGenerationTaskRun: (_root, { transformId, outputS3Path }, context) => {
    assertCanWrite(context);
    assertGlueId('transformId', transformId);
    assertS3Location(context, 'outputS3Path', outputS3Path);
    return changeRun(context, 'StartMLLabelingSetGenerationTaskRun', { transformId }, () =>
      context.glue.startMLLabelingSetGenerationTaskRun(transformId, outputS3Path),
    );
  },

  startImportLabelsTaskRun: (_root, { transformId, inputS3Path, replace }, context) => {
    assertCanWrite(context);
    assertGlueId('transformId', transformId);
    assertS3Location(context, 'inputS3Path', inputS3Path);
    return changeRun(context, 'StartImportLabelsTaskRun', { transformId }, () =>
      context.glue.startImportLabelsTaskRun(transformId, inputS3Path, replace ?? false),
    );
  },

  startExportLabelsTaskRun: (_root, { transformId, outputS3Path }, context) => {
    assertCanWrite(context);
    assertGlueId('transformId', transformId);
    assertS3Location(context, 'outputS3Path', outputS3Path);
    return changeRun(context, 'StartExportLabelsTaskRun', { transformId }, () =>
      context.glue.startExportLabelsTaskRun(transformId, outputS3Path),
    );
  },

  cancelMLTaskRun: (_root, { transformId, taskRunId }, context) => {
    assertCanWrite(context);
    assertGlueId('transformId', transformId);
    assertGlueId('taskRunId', taskRunId);
    const key = { transformId, taskRunId };
    // Glue's answer is passed through: STOPPING, or the status of a run that had already finished.
    return changeRun(context, 'CancelMLTaskRun', key, async () => ({ ...key, ...(await context.glue.cancelMLTaskRun(key)) }));
  },
};

/** Both payloads hold the run's key; `taskRun` is read back after the call. */
const payload = {
  transformId: (key: TaskRunKey) => key.transformId,
  taskRunId: (key: TaskRunKey) => key.taskRunId,
  taskRun: ({ transformId, taskRunId }: TaskRunKey, _args: unknown, { loaders }: GatewayContext) =>
    loaders.taskRun.load({ transformId, taskRunId }),
};

export const mutationPayloads: Pick<Resolvers, 'StartMLTaskRunPayload' | 'CancelMLTaskRunPayload'> = {
  StartMLTaskRunPayload: payload,
  CancelMLTaskRunPayload: {
    ...payload,
    // From the cancel call itself, so it survives a failed read-back of `taskRun`.
    status: (cancelled: CancelledTaskRun) => toTaskRunStatus(cancelled.status),
    rawStatus: (cancelled: CancelledTaskRun) => cancelled.status ?? null,
  },
};
