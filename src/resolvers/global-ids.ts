/**
 * The public `id` fields: opaque, and pure functions of Glue's ids, so they are the same on every
 * request and every replica and clients can normalise runs and transforms by them.
 */
import type { TaskRunKey } from '../glue/records.js';

const encode = (parts: string[]) => Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');

export function taskRunGlobalId(key: TaskRunKey): string {
  return encode(['MLTaskRun', key.transformId, key.taskRunId]);
}

export function transformGlobalId(transformId: string): string {
  return encode(['MLTransform', transformId]);
}
