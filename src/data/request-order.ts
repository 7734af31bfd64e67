/**
 * An operation's view of the Glue API whose every call says when the operation began, so that when
 * Glue's concurrency slots are all taken, the oldest operation's calls go first (CallOptions.order).
 */
import type { CallOptions, GlueApi } from '../glue/operations.js';

export function inRequestOrder(glue: GlueApi, startedAt: number): GlueApi {
  const call: CallOptions = { order: startedAt };
  return {
    ...glue,
    getMLTaskRun: (key) => glue.getMLTaskRun(key, call),
    getMLTaskRuns: (request) => glue.getMLTaskRuns(request, call),
    getMLTransform: (transformId) => glue.getMLTransform(transformId, call),
    getMLTransforms: (request) => glue.getMLTransforms(request, call),
    startMLEvaluationTaskRun: (transformId) => glue.startMLEvaluationTaskRun(transformId, call),
    startMLLabelingSetGenerationTaskRun: (transformId, outputS3Path) => glue.startMLLabelingSetGenerationTaskRun(transformId, outputS3Path, call),
    startImportLabelsTaskRun: (transformId, inputS3Path, replaceAllLabels) => glue.startImportLabelsTaskRun(transformId, inputS3Path, replaceAllLabels, call),
    startExportLabelsTaskRun: (transformId, outputS3Path) => glue.startExportLabelsTaskRun(transformId, outputS3Path, call),
    cancelMLTaskRun: (key) => glue.cancelMLTaskRun(key, call),
  };
}
