/**
 * The structures inside an MLTransform. Each type's parent is Glue's own SDK structure (codegen
 * mappers), read member by member, so nothing sits between Glue's shape and the schema.
 */
import type { Resolvers } from '../generated/graphql.js';

export const transformDetails: Pick<
  Resolvers,
  | 'GlueTable'
  | 'GlueTableOption'
  | 'MLTransformSchemaColumn'
  | 'MLTransformParameters'
  | 'FindMatchesParameters'
  | 'MLTransformEvaluationMetrics'
  | 'FindMatchesMetrics'
  | 'ConfusionMatrix'
  | 'ColumnImportance'
  | 'MLTransformEncryption'
  | 'MLUserDataEncryption'
> = {
  GlueTable: {
    databaseName: (t) => t.DatabaseName ?? '',
    tableName: (t) => t.TableName ?? '',
    catalogId: (t) => t.CatalogId ?? null,
    connectionName: (t) => t.ConnectionName ?? null,
    additionalOptions: (t) => Object.entries(t.AdditionalOptions ?? {}).map(([key, value]) => ({ key, value })),
  },
  GlueTableOption: {
    key: (o) => o.key,
    value: (o) => o.value,
  },
  MLTransformSchemaColumn: {
    name: (c) => c.Name ?? null,
    dataType: (c) => c.DataType ?? null,
  },
  MLTransformParameters: {
    transformType: (p) => p.TransformType ?? '',
    findMatchesParameters: (p) => p.FindMatchesParameters ?? null,
  },
  FindMatchesParameters: {
    primaryKeyColumnName: (p) => p.PrimaryKeyColumnName ?? null,
    precisionRecallTradeoff: (p) => p.PrecisionRecallTradeoff ?? null,
    accuracyCostTradeoff: (p) => p.AccuracyCostTradeoff ?? null,
    enforceProvidedLabels: (p) => p.EnforceProvidedLabels ?? null,
  },
  MLTransformEvaluationMetrics: {
    transformType: (m) => m.TransformType ?? '',
    findMatchesMetrics: (m) => m.FindMatchesMetrics ?? null,
  },
  FindMatchesMetrics: {
    areaUnderPRCurve: (m) => m.AreaUnderPRCurve ?? null,
    precision: (m) => m.Precision ?? null,
    recall: (m) => m.Recall ?? null,
    f1: (m) => m.F1 ?? null,
    confusionMatrix: (m) => m.ConfusionMatrix ?? null,
    columnImportances: (m) => m.ColumnImportances ?? [],
  },
  ConfusionMatrix: {
    numTruePositives: (m) => m.NumTruePositives ?? null,
    numFalsePositives: (m) => m.NumFalsePositives ?? null,
    numTrueNegatives: (m) => m.NumTrueNegatives ?? null,
    numFalseNegatives: (m) => m.NumFalseNegatives ?? null,
  },
  ColumnImportance: {
    columnName: (c) => c.ColumnName ?? null,
    importance: (c) => c.Importance ?? null,
  },
  MLTransformEncryption: {
    mlUserDataEncryption: (e) => e.MlUserDataEncryption ?? null,
    taskRunSecurityConfigurationName: (e) => e.TaskRunSecurityConfigurationName ?? null,
  },
  MLUserDataEncryption: {
    mode: (e) => e.MlUserDataEncryptionMode ?? '',
    kmsKeyId: (e) => e.KmsKeyId ?? null,
  },
};
