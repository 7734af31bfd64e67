// Operation name -> handler, one for every operation of the model extract (ML_OPERATIONS).
import type { MLOperation } from '../model/operations.js';
import type { Handler } from './context.js';
import {
  startExportLabelsTaskRun,
  startImportLabelsTaskRun,
  startMLEvaluationTaskRun,
  startMLLabelingSetGenerationTaskRun,
} from './start-runs.js';
import { cancelMLTaskRun, getMLTaskRun, getMLTaskRuns } from './task-runs.js';
import { getTags, tagResource, untagResource } from './tags.js';
import { createMLTransform, deleteMLTransform, updateMLTransform } from './transform-admin.js';
import { getMLTransform, getMLTransforms, listMLTransforms } from './transforms.js';

export type { Handler, OperationContext, LifecycleTiming } from './context.js';

export const HANDLERS: Readonly<Record<MLOperation, Handler>> = {
  GetMLTaskRun: getMLTaskRun,
  GetMLTaskRuns: getMLTaskRuns,
  CancelMLTaskRun: cancelMLTaskRun,
  StartMLEvaluationTaskRun: startMLEvaluationTaskRun,
  StartMLLabelingSetGenerationTaskRun: startMLLabelingSetGenerationTaskRun,
  StartImportLabelsTaskRun: startImportLabelsTaskRun,
  StartExportLabelsTaskRun: startExportLabelsTaskRun,
  GetMLTransform: getMLTransform,
  GetMLTransforms: getMLTransforms,
  ListMLTransforms: listMLTransforms,
  CreateMLTransform: createMLTransform,
  UpdateMLTransform: updateMLTransform,
  DeleteMLTransform: deleteMLTransform,
  GetTags: getTags,
  TagResource: tagResource,
  UntagResource: untagResource,
};
