/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query TaskRun($transformId: ID!, $taskRunId: ID!) {\n  mlTaskRun(transformId: $transformId, taskRunId: $taskRunId) {\n    id\n    transformId\n    taskRunId\n    status\n    rawStatus\n    logGroupName\n    errorString\n    startedOn\n    lastModifiedOn\n    completedOn\n    executionTime\n    rawTaskType\n    properties {\n      __typename\n      ... on FindMatchesTaskRunProperties {\n        taskType\n        jobId\n        jobName\n        jobRunId\n      }\n      ... on ImportLabelsTaskRunProperties {\n        taskType\n        inputS3Path\n        replace\n      }\n      ... on ExportLabelsTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on LabelingSetGenerationTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on EvaluationTaskRunProperties {\n        taskType\n      }\n    }\n  }\n}": typeof types.TaskRunDocument,
    "query TaskRuns($keys: [MLTaskRunKey!]!) {\n  mlTaskRuns(keys: $keys) {\n    id\n    transformId\n    taskRunId\n    status\n    startedOn\n    completedOn\n    executionTime\n    errorString\n    properties {\n      __typename\n      ... on ImportLabelsTaskRunProperties {\n        taskType\n        inputS3Path\n        replace\n      }\n      ... on ExportLabelsTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on LabelingSetGenerationTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on FindMatchesTaskRunProperties {\n        taskType\n        jobId\n        jobName\n        jobRunId\n      }\n      ... on EvaluationTaskRunProperties {\n        taskType\n      }\n    }\n  }\n}": typeof types.TaskRunsDocument,
};
const documents: Documents = {
    "query TaskRun($transformId: ID!, $taskRunId: ID!) {\n  mlTaskRun(transformId: $transformId, taskRunId: $taskRunId) {\n    id\n    transformId\n    taskRunId\n    status\n    rawStatus\n    logGroupName\n    errorString\n    startedOn\n    lastModifiedOn\n    completedOn\n    executionTime\n    rawTaskType\n    properties {\n      __typename\n      ... on FindMatchesTaskRunProperties {\n        taskType\n        jobId\n        jobName\n        jobRunId\n      }\n      ... on ImportLabelsTaskRunProperties {\n        taskType\n        inputS3Path\n        replace\n      }\n      ... on ExportLabelsTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on LabelingSetGenerationTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on EvaluationTaskRunProperties {\n        taskType\n      }\n    }\n  }\n}": types.TaskRunDocument,
    "query TaskRuns($keys: [MLTaskRunKey!]!) {\n  mlTaskRuns(keys: $keys) {\n    id\n    transformId\n    taskRunId\n    status\n    startedOn\n    completedOn\n    executionTime\n    errorString\n    properties {\n      __typename\n      ... on ImportLabelsTaskRunProperties {\n        taskType\n        inputS3Path\n        replace\n      }\n      ... on ExportLabelsTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on LabelingSetGenerationTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on FindMatchesTaskRunProperties {\n        taskType\n        jobId\n        jobName\n        jobRunId\n      }\n      ... on EvaluationTaskRunProperties {\n        taskType\n      }\n    }\n  }\n}": types.TaskRunsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TaskRun($transformId: ID!, $taskRunId: ID!) {\n  mlTaskRun(transformId: $transformId, taskRunId: $taskRunId) {\n    id\n    transformId\n    taskRunId\n    status\n    rawStatus\n    logGroupName\n    errorString\n    startedOn\n    lastModifiedOn\n    completedOn\n    executionTime\n    rawTaskType\n    properties {\n      __typename\n      ... on FindMatchesTaskRunProperties {\n        taskType\n        jobId\n        jobName\n        jobRunId\n      }\n      ... on ImportLabelsTaskRunProperties {\n        taskType\n        inputS3Path\n        replace\n      }\n      ... on ExportLabelsTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on LabelingSetGenerationTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on EvaluationTaskRunProperties {\n        taskType\n      }\n    }\n  }\n}"): (typeof documents)["query TaskRun($transformId: ID!, $taskRunId: ID!) {\n  mlTaskRun(transformId: $transformId, taskRunId: $taskRunId) {\n    id\n    transformId\n    taskRunId\n    status\n    rawStatus\n    logGroupName\n    errorString\n    startedOn\n    lastModifiedOn\n    completedOn\n    executionTime\n    rawTaskType\n    properties {\n      __typename\n      ... on FindMatchesTaskRunProperties {\n        taskType\n        jobId\n        jobName\n        jobRunId\n      }\n      ... on ImportLabelsTaskRunProperties {\n        taskType\n        inputS3Path\n        replace\n      }\n      ... on ExportLabelsTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on LabelingSetGenerationTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on EvaluationTaskRunProperties {\n        taskType\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TaskRuns($keys: [MLTaskRunKey!]!) {\n  mlTaskRuns(keys: $keys) {\n    id\n    transformId\n    taskRunId\n    status\n    startedOn\n    completedOn\n    executionTime\n    errorString\n    properties {\n      __typename\n      ... on ImportLabelsTaskRunProperties {\n        taskType\n        inputS3Path\n        replace\n      }\n      ... on ExportLabelsTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on LabelingSetGenerationTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on FindMatchesTaskRunProperties {\n        taskType\n        jobId\n        jobName\n        jobRunId\n      }\n      ... on EvaluationTaskRunProperties {\n        taskType\n      }\n    }\n  }\n}"): (typeof documents)["query TaskRuns($keys: [MLTaskRunKey!]!) {\n  mlTaskRuns(keys: $keys) {\n    id\n    transformId\n    taskRunId\n    status\n    startedOn\n    completedOn\n    executionTime\n    errorString\n    properties {\n      __typename\n      ... on ImportLabelsTaskRunProperties {\n        taskType\n        inputS3Path\n        replace\n      }\n      ... on ExportLabelsTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on LabelingSetGenerationTaskRunProperties {\n        taskType\n        outputS3Path\n      }\n      ... on FindMatchesTaskRunProperties {\n        taskType\n        jobId\n        jobName\n        jobRunId\n      }\n      ... on EvaluationTaskRunProperties {\n        taskType\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;