import { describe, expect, it } from 'vitest';
import { taskRunGlobalId } from '../../src/resolvers/global-ids.js';
import { fakeGlue, run } from '../helpers/execute.js';

const ALL_FIELDS = /* GraphQL */ `
  query ($t: ID!, $r: ID!) {
    mlTaskRun(transformId: $t, taskRunId: $r) {
      id transformId taskRunId status rawStatus logGroupName errorString
      startedOn lastModifiedOn completedOn executionTime rawTaskType
      properties {
        __typename
        ... on ImportLabelsTaskRunProperties { taskType inputS3Path replace }
        ... on ExportLabelsTaskRunProperties { taskType outputS3Path }
        ... on LabelingSetGenerationTaskRunProperties { taskType lsgOut: outputS3Path }
        ... on FindMatchesTaskRunProperties { taskType jobId jobName jobRunId }
        ... on EvaluationTaskRunProperties { taskType }
      }
    }
  }
`;

const base = {
  TransformId: 'tfm-1',
  TaskRunId: 'run-1',
  Status: 'FAILED',
  LogGroupName: '/aws-glue/ml-transforms/tfm-1',
  ErrorString: 'boom',
  StartedOn: new Date('2026-01-02T03:04:05.500Z'),
  LastModifiedOn: new Date('2026-01-02T03:06:05Z'),
  CompletedOn: new Date('2026-01-02T03:06:05Z'),
  ExecutionTime: 120,
} as const;

async function fetchOne(record: object) {
  const result = await run(fakeGlue({ 'run-1': record }), ALL_FIELDS, { t: 'tfm-1', r: 'run-1' });
  expect(result.errors).toBeUndefined();
  return result.data.mlTaskRun;
}

describe('SDK to GraphQL mapping', () => {
  it('maps every scalar member of GetMLTaskRun', async () => {
    const run1 = await fetchOne({ ...base, Properties: { TaskType: 'EVALUATION' } });
    expect(run1).toMatchObject({
      id: taskRunGlobalId({ transformId: 'tfm-1', taskRunId: 'run-1' }),
      transformId: 'tfm-1',
      taskRunId: 'run-1',
      status: 'FAILED',
      rawStatus: 'FAILED',
      logGroupName: '/aws-glue/ml-transforms/tfm-1',
      errorString: 'boom',
      startedOn: '2026-01-02T03:04:05.500Z',
      lastModifiedOn: '2026-01-02T03:06:05.000Z',
      completedOn: '2026-01-02T03:06:05.000Z',
      executionTime: 120,
      rawTaskType: 'EVALUATION',
      properties: { __typename: 'EvaluationTaskRunProperties', taskType: 'EVALUATION' },
    });
  });

  it.each([
    [{ TaskType: 'IMPORT_LABELS', ImportLabelsTaskRunProperties: { InputS3Path: 's3://b/in', Replace: true } },
      { __typename: 'ImportLabelsTaskRunProperties', taskType: 'IMPORT_LABELS', inputS3Path: 's3://b/in', replace: true }],
    [{ TaskType: 'EXPORT_LABELS', ExportLabelsTaskRunProperties: { OutputS3Path: 's3://b/out' } },
      { __typename: 'ExportLabelsTaskRunProperties', taskType: 'EXPORT_LABELS', outputS3Path: 's3://b/out' }],
    [{ TaskType: 'LABELING_SET_GENERATION', LabelingSetGenerationTaskRunProperties: { OutputS3Path: 's3://b/ls' } },
      { __typename: 'LabelingSetGenerationTaskRunProperties', taskType: 'LABELING_SET_GENERATION', lsgOut: 's3://b/ls' }],
    [{ TaskType: 'FIND_MATCHES', FindMatchesTaskRunProperties: { JobId: 'j-1', JobName: 'dedupe', JobRunId: 'jr-1' } },
      { __typename: 'FindMatchesTaskRunProperties', taskType: 'FIND_MATCHES', jobId: 'j-1', jobName: 'dedupe', jobRunId: 'jr-1' }],
    [{ TaskType: 'EVALUATION' }, { __typename: 'EvaluationTaskRunProperties', taskType: 'EVALUATION' }],
    // No TaskType: the filled member decides the variant.
    [{ ExportLabelsTaskRunProperties: { OutputS3Path: 's3://b/x' } },
      { __typename: 'ExportLabelsTaskRunProperties', taskType: 'EXPORT_LABELS', outputS3Path: 's3://b/x' }],
  ])('maps properties %j to its union variant', async (Properties, expected) => {
    const mapped = await fetchOne({ ...base, Properties });
    expect(mapped.properties).toEqual(expected);
  });

  it('gives null for absent members and absent properties', async () => {
    const mapped = await fetchOne({ TransformId: 'tfm-1', TaskRunId: 'run-1' });
    expect(mapped).toMatchObject({
      status: null, rawStatus: null, logGroupName: null, errorString: null, startedOn: null,
      lastModifiedOn: null, completedOn: null, executionTime: null, properties: null, rawTaskType: null,
    });
  });

  it('surfaces a status or task type the schema does not know as null plus its raw value, without an error', async () => {
    const mapped = await fetchOne({ ...base, Status: 'PAUSED', Properties: { TaskType: 'RETRAIN', Other: { X: 1 } } });
    expect(mapped).toMatchObject({ status: null, rawStatus: 'PAUSED', properties: null, rawTaskType: 'RETRAIN', taskRunId: 'run-1' });
  });

  it('derives a stable, opaque id that differs for different pairs', () => {
    const a = taskRunGlobalId({ transformId: 'a:b', taskRunId: 'c' });
    const b = taskRunGlobalId({ transformId: 'a', taskRunId: 'b:c' });
    expect(a).not.toEqual(b);
    expect(taskRunGlobalId({ transformId: 'a:b', taskRunId: 'c' })).toEqual(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
