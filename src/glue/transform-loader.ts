/**
 * The per-operation transform loader: `mlTransform`, `MLTaskRun.transform` and federation entities
 * all go through it, so one operation costs one GetMLTransform per distinct transform, however many
 * runs point at it; transform listings prime it.
 */
import DataLoader from 'dataloader';
import type { GlueApi } from './api.js';
import { settlePerKey, type SettleOptions } from './settle-per-key.js';
import type { TransformRecord } from './transform.js';

export type TransformLoader = DataLoader<string, TransformRecord>;

export function createTransformLoader(api: Pick<GlueApi, 'getMLTransform'>, options: SettleOptions<string>): TransformLoader {
  return new DataLoader<string, TransformRecord>((transformIds) =>
    settlePerKey(transformIds, (transformId) => api.getMLTransform(transformId), options),
  );
}
