// Operation name -> handler. Every name here must be an operation of the model extract.
import type { Handler } from './context.js';
import {
  startExportLabelsTaskRun,
  startImportLabelsTaskRun,
  startMLEvaluationTaskRun,
  startMLLabelingSetGenerationTaskRun,
} from './start-runs.js';
import { cancelMLTaskRun, getMLTaskRun, getMLTaskRuns } from './task-runs.js';
import { getMLTransform, getMLTransforms } from './transforms.js';

export type { Handler, OperationContext, LifecycleTiming } from './context.js';

export const HANDLERS: Readonly<Record<string, Handler>> = {
  GetMLTaskRun: getMLTaskRun,
  GetMLTaskRuns: getMLTaskRuns,
  CancelMLTaskRun: cancelMLTaskRun,
  StartMLEvaluationTaskRun: startMLEvaluationTaskRun,
  StartMLLabelingSetGenerationTaskRun: startMLLabelingSetGenerationTaskRun,
  StartImportLabelsTaskRun: startImportLabelsTaskRun,
  StartExportLabelsTaskRun: startExportLabelsTaskRun,
  GetMLTransform: getMLTransform,
  GetMLTransforms: getMLTransforms,
};
