/**
 * The per-operation transform loader: `mlTransform`, `MLTaskRun.transform` and federation entities
 * all go through it, so one operation costs one GetMLTransform per distinct transform, however many
 * runs point at it; transform listings prime it.
 */
import DataLoader from 'dataloader';
import type { GlueApi } from '../glue/operations.js';
import type { TransformRecord } from '../glue/records.js';
import { settlePerKey } from './settle-per-key.js';
import type { UpstreamFailureOptions } from './upstream-failure.js';

export type TransformLoader = DataLoader<string, TransformRecord>;

export function createTransformLoader(api: Pick<GlueApi, 'getMLTransform'>, failures: UpstreamFailureOptions): TransformLoader {
  return new DataLoader<string, TransformRecord>((transformIds) =>
    settlePerKey(transformIds, (transformId) => api.getMLTransform(transformId), {
      operation: 'GetMLTransform',
      ids: (transformId) => ({ transformId }),
      failures,
    }),
  );
}
