// The four Start* operations. Each records a run whose status then follows the lifecycle clock.
// Outcomes are decided up front from the S3 path, deterministically: a path containing "fail" ends
// FAILED with an ErrorString, one containing "timeout" ends TIMEOUT, anything else SUCCEEDED. Label
// imports are also refused at start by path: "noaccess" cannot be read, "empty" is an empty file.
import { entityNotFound, GlueError, invalidInput } from '../protocol/errors.js';
import type { Lifecycle, RawTransform, TaskRunProperties } from '../store/types.js';
import { optional, requireTransform, type Handler, type OperationContext } from './context.js';

/** Glue's documented limit for label files is not published as a number; the emulator uses 100 MB. */
export const LABEL_FILE_LIMIT_MB = 100;

/**
 * Glue's model puts no constraint on S3 paths. The emulator refuses only what cannot name an S3
 * location: no s3:// scheme, an empty bucket, or a control character (C0, DEL or C1) anywhere.
 * Every bucket name S3 has ever accepted passes, legacy us-east-1 ones (uppercase, "_") included.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const S3_URI = /^s3:\/\/[^/\u0000-\u001F\u007F-\u009F]+(\/[^\u0000-\u001F\u007F-\u009F]*)?$/;

function requireS3Path(path: string, message: string): void {
  if (!S3_URI.test(path)) throw invalidInput(message);
}

/**
 * Why an import run that got going fails later. Glue documents no run-time message for it (unreadable
 * and empty files are refused at start), so the emulator uses a generic one (chosen, not documented).
 */
const IMPORT_FAILURE = 'Internal service failure due to unexpected input.';

function outcomeFor(path: string | undefined, failure: string): Pick<Lifecycle, 'outcome' | 'errorString'> {
  const lower = (path ?? '').toLowerCase();
  if (lower.includes('timeout')) return { outcome: 'TIMEOUT', errorString: 'Task run exceeded the transform timeout.' };
  if (lower.includes('fail')) return { outcome: 'FAILED', errorString: failure };
  return { outcome: 'SUCCEEDED' };
}

/**
 * Evaluation and labeling-set generation read the transform's input table with its FindMatches setup;
 * Glue refuses to start them on a transform set up incompletely, with these documented messages.
 */
function requireTrainable(transform: RawTransform): void {
  if (transform.InputRecordTables?.length !== 1) throw invalidInput('Exactly one input record table must be provided.');
  const parameters = transform.Parameters?.FindMatchesParameters;
  if (!parameters) throw invalidInput('Find Matches parameters have not been set.');
  if (!parameters.PrimaryKeyColumnName) throw invalidInput('A primary key must be specified in Find Matches parameters.');
}

/** Glue counts the transform's unfinished runs against a per-transform limit. */
function requireCapacity(context: OperationContext, transformId: string): void {
  const count = context.store.inProgressCount(transformId);
  const limit = context.maxConcurrentRunsPerTransform;
  if (count >= limit) {
    throw new GlueError(
      'ConcurrentRunsExceededException',
      `ML Task Runs count ${count} has exceeded the transform limit of ${limit} task runs.`,
    );
  }
}

function start(
  context: OperationContext,
  transformId: string,
  properties: TaskRunProperties,
  outcome: Pick<Lifecycle, 'outcome' | 'errorString'>,
): Record<string, unknown> {
  const { startingMs, runningMs } = context.timing;
  const taskRunId = context.store.startTaskRun(transformId, properties, { startingMs, runningMs, ...outcome });
  return { TaskRunId: taskRunId };
}

export const startMLEvaluationTaskRun: Handler = (input, context) => {
  const transform = requireTransform(context, input.TransformId as string);
  if (transform.Status !== 'READY') {
    throw new GlueError(
      'MLTransformNotReadyException',
      'This operation can only be applied to a transform that is in a READY state.',
    );
  }
  requireTrainable(transform);
  requireCapacity(context, transform.TransformId);
  return start(context, transform.TransformId, { TaskType: 'EVALUATION' }, { outcome: 'SUCCEEDED' });
};

export const startMLLabelingSetGenerationTaskRun: Handler = (input, context) => {
  const transform = requireTransform(context, input.TransformId as string);
  const outputS3Path = input.OutputS3Path as string;
  requireS3Path(outputS3Path, `Invalid S3 path: ${outputS3Path}. The output path must be an s3:// URI.`);
  requireTrainable(transform);
  requireCapacity(context, transform.TransformId);
  return start(
    context,
    transform.TransformId,
    { TaskType: 'LABELING_SET_GENERATION', LabelingSetGenerationTaskRunProperties: { OutputS3Path: outputS3Path } },
    outcomeFor(outputS3Path, `Cannot write the labeling set to ${outputS3Path}. Access Denied.`),
  );
};

/** Refusals Glue documents for StartImportLabelsTaskRun itself, here chosen by the path's name. */
function requireReadableLabelFile(inputS3Path: string): void {
  const lower = inputS3Path.toLowerCase();
  if (lower.includes('noaccess')) throw invalidInput(`Cannot access the label file at ${inputS3Path}. Access Denied.`);
  if (lower.includes('empty')) throw invalidInput('Invalid label file of size 0.');
  // Stands in for Glue's size check on the label file: a path naming an "oversize" file exceeds it.
  if (lower.includes('oversize')) {
    throw new GlueError(
      'ResourceNumberLimitExceededException',
      `Label file has exceeded the limit of ${LABEL_FILE_LIMIT_MB} MB.`,
    );
  }
}

export const startImportLabelsTaskRun: Handler = (input, context) => {
  const transform = requireTransform(context, input.TransformId as string);
  const inputS3Path = input.InputS3Path as string;
  requireS3Path(inputS3Path, 'Invalid label file path.');
  requireReadableLabelFile(inputS3Path);
  const replace = optional<boolean>(input.ReplaceAllLabels) ?? false;
  return start(
    context,
    transform.TransformId,
    { TaskType: 'IMPORT_LABELS', ImportLabelsTaskRunProperties: { InputS3Path: inputS3Path, Replace: replace } },
    outcomeFor(inputS3Path, IMPORT_FAILURE),
  );
};

export const startExportLabelsTaskRun: Handler = (input, context) => {
  const transform = requireTransform(context, input.TransformId as string);
  const outputS3Path = input.OutputS3Path as string;
  requireS3Path(outputS3Path, `Invalid S3 path: ${outputS3Path}. The output path must be an s3:// URI.`);
  // Glue's documented refusal for a transform without labels; LabelCount counts finished imports too.
  if (!((transform.LabelCount ?? 0) > 0)) {
    throw entityNotFound(`No labelset exists for transformId ${transform.TransformId} in account id ${context.accountId}.`);
  }
  return start(
    context,
    transform.TransformId,
    { TaskType: 'EXPORT_LABELS', ExportLabelsTaskRunProperties: { OutputS3Path: outputS3Path } },
    outcomeFor(outputS3Path, `Cannot write labels to ${outputS3Path}. Access Denied.`),
  );
};
