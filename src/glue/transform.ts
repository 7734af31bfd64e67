/**
 * The ML-transform shapes the gateway passes around: Glue's own SDK types (as for task runs), so a
 * field Glue adds reaches resolvers without a translation layer of ours to forget updating.
 */
import type { MLTransform } from '@aws-sdk/client-glue';
import type { MLTransformStatus } from '../generated/graphql.js';

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

// Keyed by the generated enum: the compiler rejects a value the schema lacks or adds.
const TRANSFORM_STATUSES: Record<MLTransformStatus, true> = { NOT_READY: true, READY: true, DELETING: true };

/** Glue's status when this schema knows it; null (with `rawStatus` carrying it) when Glue sends a newer one. */
export function toTransformStatus(raw: string | undefined): MLTransformStatus | null {
  return raw !== undefined && Object.hasOwn(TRANSFORM_STATUSES, raw) ? (raw as MLTransformStatus) : null;
}

/** The public `MLTransform.id`: opaque and a pure function of the transform id, like `MLTaskRun.id`. */
export function transformGlobalId(transformId: string): string {
  return Buffer.from(JSON.stringify(['MLTransform', transformId]), 'utf8').toString('base64url');
}
