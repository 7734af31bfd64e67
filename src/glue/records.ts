/**
 * The shapes the adapter hands up: Glue's own SDK types, so a field Glue adds reaches resolvers
 * without a translation layer of ours to forget updating, plus the facts about them every layer needs.
 */
import type { MLTransform, TaskRun, TaskRunProperties, TaskStatusType } from '@aws-sdk/client-glue';

/** Identifies one task run. Both ids are Glue HashStrings (1–255 characters). */
export interface TaskRunKey {
  transformId: string;
  taskRunId: string;
}

/** What CancelMLTaskRun answered: the run's key and the status Glue gave (STOPPING, or a finished one). */
export interface CancelledTaskRun extends TaskRunKey {
  status?: string;
}


/**
 * A task run as Glue returns it (GetMLTaskRun's response and GetMLTaskRuns' items share this shape),
 * plus two facts of the gateway's own, in lower case to tell them from Glue's members.
 */
export type TaskRunRecord = TaskRun & {
  /** When Glue returned this state (set by the adapter on every run it hands up). */
  fetchedAt?: Date;
  /** True when this is the last known state, answered because refreshing the run failed. */
  stale?: boolean;
};

/** The `Properties` structure of a task run; every union variant resolves its fields from it. */
export type TaskRunPropertiesRecord = TaskRunProperties;

/** A transform as Glue returns it (GetMLTransform's response and GetMLTransforms' items share this shape). */
export type TransformRecord = MLTransform;

export type {
  ColumnImportance as ColumnImportanceRecord,
  ConfusionMatrix as ConfusionMatrixRecord,
  EvaluationMetrics as EvaluationMetricsRecord,
  FindMatchesMetrics as FindMatchesMetricsRecord,
  FindMatchesParameters as FindMatchesParametersRecord,
  GlueTable as GlueTableRecord,
  MLUserDataEncryption as MLUserDataEncryptionRecord,
  SchemaColumn as SchemaColumnRecord,
  TransformEncryption as TransformEncryptionRecord,
  TransformParameters as TransformParametersRecord,
} from '@aws-sdk/client-glue';

/** One entry of a Glue table's `AdditionalOptions` map. */
export interface TableOptionRecord {
  key: string;
  value: string;
}

/** Finished statuses: a run in one of them never changes again. */
export const FINISHED_STATUSES: ReadonlySet<string> = new Set<TaskStatusType>(['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT']);

export function isFinished(run: TaskRunRecord): boolean {
  return run.Status !== undefined && FINISHED_STATUSES.has(run.Status);
}

/** DataLoader/cache key of a run: JSON keeps the pair unambiguous whatever characters the ids hold. */
export function taskRunCacheKey(key: TaskRunKey): string {
  return JSON.stringify([key.transformId, key.taskRunId]);
}
