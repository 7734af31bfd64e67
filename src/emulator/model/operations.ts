// The operations the emulator serves: Glue's 13 ML operations and the three tagging operations
// (for mlTransform ARNs). The model extract is generated for exactly these.
export const ML_OPERATIONS = [
  'CancelMLTaskRun',
  'CreateMLTransform',
  'DeleteMLTransform',
  'GetMLTaskRun',
  'GetMLTaskRuns',
  'GetMLTransform',
  'GetMLTransforms',
  'ListMLTransforms',
  'StartExportLabelsTaskRun',
  'StartImportLabelsTaskRun',
  'StartMLEvaluationTaskRun',
  'StartMLLabelingSetGenerationTaskRun',
  'UpdateMLTransform',
  'GetTags',
  'TagResource',
  'UntagResource',
] as const;

export type MLOperation = (typeof ML_OPERATIONS)[number];
