/** MLTransform's fields (from Glue's MLTransform record, the codegen mapper) and the root transform queries. */
import type { MLTransformResolvers, QueryResolvers } from '../generated/graphql.js';
import { listTaskRuns } from '../data/task-run-listing.js';
import { transformGlobalId } from './global-ids.js';
import { toTransformStatus } from './mapping.js';
import { listTransforms } from '../data/transform-listing.js';
import { assertGlueId } from '../data/validation.js';
import { redactArnAccount } from '../glue/redaction.js';

export const transformQueries: Pick<QueryResolvers, 'mlTransform' | 'mlTransforms'> = {
  mlTransform: (_root, { transformId }, { loaders }) => {
    assertGlueId('transformId', transformId);
    return loaders.transform.load(transformId);
  },
  mlTransforms: (_root, args, context) => listTransforms(context, args),
};

export const MLTransform: MLTransformResolvers = {
  // Federation entities go through the operation's loader: one GetMLTransform per distinct transform.
  __resolveReference: ({ transformId }, { loaders }) => {
    assertGlueId('transformId', transformId);
    return loaders.transform.load(transformId);
  },
  id: (t) => transformGlobalId(t.TransformId ?? ''),
  transformId: (t) => t.TransformId ?? '',
  name: (t) => t.Name ?? null,
  description: (t) => t.Description ?? null,
  status: (t) => toTransformStatus(t.Status),
  rawStatus: (t) => t.Status ?? null,
  createdOn: (t) => t.CreatedOn ?? null,
  lastModifiedOn: (t) => t.LastModifiedOn ?? null,
  inputRecordTables: (t) => t.InputRecordTables ?? [],
  parameters: (t) => t.Parameters ?? null,
  evaluationMetrics: (t) => t.EvaluationMetrics ?? null,
  labelCount: (t) => t.LabelCount ?? null,
  schema: (t) => t.Schema ?? [],
  // The role's ARN names the gateway's AWS account: masked unless GRAPHQL_EXPOSE_ACCOUNT_IDS=true.
  role: (t, _args, { config }) => (t.Role === undefined ? null : config.exposeAccountIds ? t.Role : redactArnAccount(t.Role)),
  glueVersion: (t) => t.GlueVersion ?? null,
  maxCapacity: (t) => t.MaxCapacity ?? null,
  workerType: (t) => t.WorkerType ?? null,
  numberOfWorkers: (t) => t.NumberOfWorkers ?? null,
  timeout: (t) => t.Timeout ?? null,
  maxRetries: (t) => t.MaxRetries ?? null,
  transformEncryption: (t) => t.TransformEncryption ?? null,
  taskRuns: (t, args, context) => listTaskRuns(context, t.TransformId ?? '', args),
};
