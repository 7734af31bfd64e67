/**
 * SDK-to-GraphQL mapping of the values whose GraphQL type is narrower than Glue's wire type.
 * Glue may start sending a status or task type before this schema knows it; such a value must
 * not fail the run, so it maps to `null` here and stays visible verbatim in `rawStatus`/`rawTaskType`.
 */
import type { MLTaskRunStatus, MLTaskType, MLTransformStatus } from '../generated/graphql.js';
import type { TaskRunPropertiesRecord } from '../glue/records.js';

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

export function toTaskRunStatus(raw: string | undefined): MLTaskRunStatus | null {
  return raw !== undefined && Object.hasOwn(STATUSES, raw) ? (raw as MLTaskRunStatus) : null;
}

// Keyed by the generated enum: the compiler rejects a value the schema lacks or adds.
const TRANSFORM_STATUSES: Record<MLTransformStatus, true> = { NOT_READY: true, READY: true, DELETING: true };

/** Glue's status when this schema knows it; null (with `rawStatus` carrying it) when Glue sends a newer one. */
export function toTransformStatus(raw: string | undefined): MLTransformStatus | null {
  return raw !== undefined && Object.hasOwn(TRANSFORM_STATUSES, raw) ? (raw as MLTransformStatus) : null;
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
