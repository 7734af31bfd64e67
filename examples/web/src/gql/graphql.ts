/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Identifies one ML task run: the pair of its transform's id and its own id. */
export type MLTaskRunKey = {
  /** The unique identifier of the task run (1–255 characters). */
  taskRunId: string | number;
  /** The unique identifier of the ML transform (1–255 characters). */
  transformId: string | number;
};

/** The status of an ML task run, as Glue's `TaskStatusType` defines it. */
export type MLTaskRunStatus =
  /** The run failed; see `errorString` (finished status). */
  | 'FAILED'
  /** The run is in progress. */
  | 'RUNNING'
  /** The run was accepted and is being provisioned. */
  | 'STARTING'
  /** The run was stopped before it finished (finished status). */
  | 'STOPPED'
  /** A stop was requested and the run is stopping. */
  | 'STOPPING'
  /** The run completed successfully (finished status). */
  | 'SUCCEEDED'
  /** The run exceeded its time limit (finished status). */
  | 'TIMEOUT';

/** The type of an ML task run, as Glue's `TaskType` defines it. */
export type MLTaskType =
  /** Estimates the quality of the transform against the labels it has. */
  | 'EVALUATION'
  /** Exports the transform's labels to Amazon S3. */
  | 'EXPORT_LABELS'
  /** Runs the find-matches algorithm as part of a Glue job. */
  | 'FIND_MATCHES'
  /** Imports labels (examples of truth) from Amazon S3. */
  | 'IMPORT_LABELS'
  /** Generates a labeling set for active learning. */
  | 'LABELING_SET_GENERATION';

/** The status of an ML transform, as Glue's `TransformStatusType` defines it. */
export type MLTransformStatus =
  /** The transform is being deleted. */
  | 'DELETING'
  /** The transform is not ready for use yet, for example it has no labels. */
  | 'NOT_READY'
  /** The transform can be used: it can be evaluated and can run in jobs. */
  | 'READY';

export type FollowTaskRunSubscriptionVariables = Exact<{
  transformId: string | number;
  taskRunId: string | number;
}>;


export type FollowTaskRunSubscription = { mlTaskRunUpdated: { id: string, taskRunId: string, status: MLTaskRunStatus | null, lastModifiedOn: string | null, completedOn: string | null, errorString: string | null } };

export type StartExportLabelsMutationVariables = Exact<{
  transformId: string | number;
  outputS3Path: string;
}>;


export type StartExportLabelsMutation = { startExportLabelsTaskRun: { transformId: string, taskRunId: string, taskRun: { status: MLTaskRunStatus | null, startedOn: string | null } | null } };

export type TaskRunQueryVariables = Exact<{
  transformId: string | number;
  taskRunId: string | number;
}>;


export type TaskRunQuery = { mlTaskRun: { id: string, transformId: string, taskRunId: string, status: MLTaskRunStatus | null, rawStatus: string | null, logGroupName: string | null, errorString: string | null, startedOn: string | null, lastModifiedOn: string | null, completedOn: string | null, executionTime: number | null, rawTaskType: string | null, properties:
      | { __typename: 'EvaluationTaskRunProperties', taskType: MLTaskType }
      | { __typename: 'ExportLabelsTaskRunProperties', taskType: MLTaskType, outputS3Path: string | null }
      | { __typename: 'FindMatchesTaskRunProperties', taskType: MLTaskType, jobId: string | null, jobName: string | null, jobRunId: string | null }
      | { __typename: 'ImportLabelsTaskRunProperties', taskType: MLTaskType, inputS3Path: string | null, replace: boolean | null }
      | { __typename: 'LabelingSetGenerationTaskRunProperties', taskType: MLTaskType, outputS3Path: string | null }
     | null } | null };

export type TaskRunsQueryVariables = Exact<{
  keys: Array<MLTaskRunKey> | MLTaskRunKey;
}>;


export type TaskRunsQuery = { mlTaskRuns: Array<{ id: string, transformId: string, taskRunId: string, status: MLTaskRunStatus | null, startedOn: string | null, completedOn: string | null, executionTime: number | null, errorString: string | null, properties:
      | { __typename: 'EvaluationTaskRunProperties', taskType: MLTaskType }
      | { __typename: 'ExportLabelsTaskRunProperties', taskType: MLTaskType, outputS3Path: string | null }
      | { __typename: 'FindMatchesTaskRunProperties', taskType: MLTaskType, jobId: string | null, jobName: string | null, jobRunId: string | null }
      | { __typename: 'ImportLabelsTaskRunProperties', taskType: MLTaskType, inputS3Path: string | null, replace: boolean | null }
      | { __typename: 'LabelingSetGenerationTaskRunProperties', taskType: MLTaskType, outputS3Path: string | null }
     | null } | null> };

export type TransformTaskRunsQueryVariables = Exact<{
  transformId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TransformTaskRunsQuery = { mlTransform: { id: string, name: string | null, description: string | null, status: MLTransformStatus | null, labelCount: number | null, glueVersion: string | null, workerType: string | null, numberOfWorkers: number | null, timeout: number | null, maxRetries: number | null, inputRecordTables: Array<{ databaseName: string, tableName: string }>, parameters: { transformType: string, findMatchesParameters: { primaryKeyColumnName: string | null, precisionRecallTradeoff: number | null, accuracyCostTradeoff: number | null } | null } | null, evaluationMetrics: { findMatchesMetrics: { areaUnderPRCurve: number | null, precision: number | null, recall: number | null, f1: number | null } | null } | null, taskRuns: { edges: Array<{ cursor: string, node: { id: string, taskRunId: string, status: MLTaskRunStatus | null, rawTaskType: string | null, startedOn: string | null, errorString: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };


export const FollowTaskRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FollowTaskRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"transformId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskRunId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mlTaskRunUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"transformId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"transformId"}}},{"kind":"Argument","name":{"kind":"Name","value":"taskRunId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskRunId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskRunId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastModifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"errorString"}}]}}]}}]} as unknown as DocumentNode<FollowTaskRunSubscription, FollowTaskRunSubscriptionVariables>;
export const StartExportLabelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartExportLabels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"transformId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"outputS3Path"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startExportLabelsTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"transformId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"transformId"}}},{"kind":"Argument","name":{"kind":"Name","value":"outputS3Path"},"value":{"kind":"Variable","name":{"kind":"Name","value":"outputS3Path"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transformId"}},{"kind":"Field","name":{"kind":"Name","value":"taskRunId"}},{"kind":"Field","name":{"kind":"Name","value":"taskRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}}]}}]}}]}}]} as unknown as DocumentNode<StartExportLabelsMutation, StartExportLabelsMutationVariables>;
export const TaskRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"transformId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskRunId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mlTaskRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"transformId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"transformId"}}},{"kind":"Argument","name":{"kind":"Name","value":"taskRunId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskRunId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"transformId"}},{"kind":"Field","name":{"kind":"Name","value":"taskRunId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rawStatus"}},{"kind":"Field","name":{"kind":"Name","value":"logGroupName"}},{"kind":"Field","name":{"kind":"Name","value":"errorString"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"lastModifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"executionTime"}},{"kind":"Field","name":{"kind":"Name","value":"rawTaskType"}},{"kind":"Field","name":{"kind":"Name","value":"properties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FindMatchesTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"jobName"}},{"kind":"Field","name":{"kind":"Name","value":"jobRunId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportLabelsTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"inputS3Path"}},{"kind":"Field","name":{"kind":"Name","value":"replace"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExportLabelsTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"outputS3Path"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LabelingSetGenerationTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"outputS3Path"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvaluationTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TaskRunQuery, TaskRunQueryVariables>;
export const TaskRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keys"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MLTaskRunKey"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mlTaskRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"keys"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keys"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"transformId"}},{"kind":"Field","name":{"kind":"Name","value":"taskRunId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"executionTime"}},{"kind":"Field","name":{"kind":"Name","value":"errorString"}},{"kind":"Field","name":{"kind":"Name","value":"properties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportLabelsTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"inputS3Path"}},{"kind":"Field","name":{"kind":"Name","value":"replace"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExportLabelsTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"outputS3Path"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LabelingSetGenerationTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"outputS3Path"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FindMatchesTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"jobName"}},{"kind":"Field","name":{"kind":"Name","value":"jobRunId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvaluationTaskRunProperties"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskType"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TaskRunsQuery, TaskRunsQueryVariables>;
export const TransformTaskRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TransformTaskRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"transformId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mlTransform"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"transformId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"transformId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"labelCount"}},{"kind":"Field","name":{"kind":"Name","value":"glueVersion"}},{"kind":"Field","name":{"kind":"Name","value":"workerType"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfWorkers"}},{"kind":"Field","name":{"kind":"Name","value":"timeout"}},{"kind":"Field","name":{"kind":"Name","value":"maxRetries"}},{"kind":"Field","name":{"kind":"Name","value":"inputRecordTables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"databaseName"}},{"kind":"Field","name":{"kind":"Name","value":"tableName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transformType"}},{"kind":"Field","name":{"kind":"Name","value":"findMatchesParameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"primaryKeyColumnName"}},{"kind":"Field","name":{"kind":"Name","value":"precisionRecallTradeoff"}},{"kind":"Field","name":{"kind":"Name","value":"accuracyCostTradeoff"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluationMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findMatchesMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"areaUnderPRCurve"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"recall"}},{"kind":"Field","name":{"kind":"Name","value":"f1"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"taskRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"FAILED"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"column"},"value":{"kind":"EnumValue","value":"STARTED"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"ASCENDING"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskRunId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rawTaskType"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"errorString"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TransformTaskRunsQuery, TransformTaskRunsQueryVariables>;