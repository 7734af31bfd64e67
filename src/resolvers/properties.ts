/**
 * The MLTaskRunProperties union. Every variant's parent is Glue's whole `Properties` structure;
 * each variant reads its own member of it, so no intermediate shape has to be kept in sync.
 */
import type { Resolvers } from '../generated/graphql.js';
import { PROPERTIES_VARIANT, propertiesTaskType } from './mapping.js';

export const properties: Pick<
  Resolvers,
  | 'MLTaskRunProperties'
  | 'ImportLabelsTaskRunProperties'
  | 'ExportLabelsTaskRunProperties'
  | 'LabelingSetGenerationTaskRunProperties'
  | 'FindMatchesTaskRunProperties'
  | 'EvaluationTaskRunProperties'
> = {
  MLTaskRunProperties: {
    // MLTaskRun.properties only passes on structures whose task type is known.
    __resolveType: (p) => PROPERTIES_VARIANT[propertiesTaskType(p) ?? 'EVALUATION'],
  },
  ImportLabelsTaskRunProperties: {
    taskType: () => 'IMPORT_LABELS',
    inputS3Path: (p) => p.ImportLabelsTaskRunProperties?.InputS3Path ?? null,
    replace: (p) => p.ImportLabelsTaskRunProperties?.Replace ?? null,
  },
  ExportLabelsTaskRunProperties: {
    taskType: () => 'EXPORT_LABELS',
    outputS3Path: (p) => p.ExportLabelsTaskRunProperties?.OutputS3Path ?? null,
  },
  LabelingSetGenerationTaskRunProperties: {
    taskType: () => 'LABELING_SET_GENERATION',
    outputS3Path: (p) => p.LabelingSetGenerationTaskRunProperties?.OutputS3Path ?? null,
  },
  FindMatchesTaskRunProperties: {
    taskType: () => 'FIND_MATCHES',
    jobId: (p) => p.FindMatchesTaskRunProperties?.JobId ?? null,
    jobName: (p) => p.FindMatchesTaskRunProperties?.JobName ?? null,
    jobRunId: (p) => p.FindMatchesTaskRunProperties?.JobRunId ?? null,
  },
  EvaluationTaskRunProperties: {
    taskType: () => 'EVALUATION',
  },
};
