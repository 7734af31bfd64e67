/**
 * SDK-to-GraphQL mapping of the values whose GraphQL type is narrower than Glue's wire type.
 * Glue may start sending a status or task type before this schema knows it; such a value must
 * not fail the run, so it maps to `null` here and stays visible verbatim in `rawStatus`/`rawTaskType`.
 */
import type { MLTaskRunStatus, MLTaskType } from '../generated/graphql.js';
import type { TaskRunPropertiesRecord } from './task-run.js';

// Records keyed by the generated enum types: the compiler rejects a value the schema lacks or adds.
const STATUSES: Record<MLTaskRunStatus, true> = {
  STARTING: true,
  RUNNING: true,
  STOPPING: true,
  STOPPED: true,
  SUCCEEDED: true,
  FAILED: true,
  TIMEOUT: true,
};

/** The union member that carries each task type's properties. */
export const PROPERTIES_VARIANT = {
  IMPORT_LABELS: 'ImportLabelsTaskRunProperties',
  EXPORT_LABELS: 'ExportLabelsTaskRunProperties',
  LABELING_SET_GENERATION: 'LabelingSetGenerationTaskRunProperties',
  FIND_MATCHES: 'FindMatchesTaskRunProperties',
  EVALUATION: 'EvaluationTaskRunProperties',
} as const satisfies Record<MLTaskType, string>;

/** Finished statuses: a run in one of them never changes again. */
export const FINISHED_STATUSES: ReadonlySet<string> = new Set<MLTaskRunStatus>(['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT']);

export function toTaskRunStatus(raw: string | undefined): MLTaskRunStatus | null {
  return raw !== undefined && Object.hasOwn(STATUSES, raw) ? (raw as MLTaskRunStatus) : null;
}

export function toTaskType(raw: string | undefined): MLTaskType | null {
  return raw !== undefined && Object.hasOwn(PROPERTIES_VARIANT, raw) ? (raw as MLTaskType) : null;
}

/**
 * The task type a properties structure describes: Glue's `TaskType` when this schema knows it,
 * otherwise the one implied by the filled member (Glue fills exactly one for the types that have one).
 */
export function propertiesTaskType(properties: TaskRunPropertiesRecord): MLTaskType | null {
  if (properties.TaskType !== undefined) return toTaskType(properties.TaskType);
  if (properties.ImportLabelsTaskRunProperties) return 'IMPORT_LABELS';
  if (properties.ExportLabelsTaskRunProperties) return 'EXPORT_LABELS';
  if (properties.LabelingSetGenerationTaskRunProperties) return 'LABELING_SET_GENERATION';
  if (properties.FindMatchesTaskRunProperties) return 'FIND_MATCHES';
  return null;
}
