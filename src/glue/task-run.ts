/**
 * The task-run shapes the gateway passes around: Glue's own SDK types, so a field Glue adds
 * reaches resolvers without a translation layer of ours to forget updating.
 */
import type { TaskRun, TaskRunProperties } from '@aws-sdk/client-glue';

/** Identifies one task run. Both ids are Glue HashStrings (1–255 characters). */
export interface TaskRunKey {
  transformId: string;
  taskRunId: string;
}

/** A task run as Glue returns it (GetMLTaskRun's response and GetMLTaskRuns' items share this shape). */
export type TaskRunRecord = TaskRun;

/** The `Properties` structure of a task run; every union variant resolves its fields from it. */
export type TaskRunPropertiesRecord = TaskRunProperties;

/** DataLoader/cache key of a run: JSON keeps the pair unambiguous whatever characters the ids hold. */
export function taskRunCacheKey(key: TaskRunKey): string {
  return JSON.stringify([key.transformId, key.taskRunId]);
}

/**
 * The public `MLTaskRun.id`: opaque, and a pure function of the two ids, so it is the same on every
 * request and every replica and clients can normalise runs by it.
 */
export function taskRunGlobalId(key: TaskRunKey): string {
  return Buffer.from(JSON.stringify(['MLTaskRun', key.transformId, key.taskRunId]), 'utf8').toString('base64url');
}
