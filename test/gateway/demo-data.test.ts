import { GetMLTaskRunCommand, GlueClient } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type DemoRunName } from '../../src/emulator/index.js';
import { taskRunGlobalId } from '../../src/resolvers/global-ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

const RUN = /* GraphQL */ `
  query ($t: ID!, $r: ID!) {
    mlTaskRun(transformId: $t, taskRunId: $r) {
      id transformId taskRunId status rawStatus logGroupName errorString
      startedOn lastModifiedOn completedOn executionTime
      properties {
        __typename
        ... on ImportLabelsTaskRunProperties { taskType inputS3Path replace }
        ... on ExportLabelsTaskRunProperties { taskType exportPath: outputS3Path }
        ... on LabelingSetGenerationTaskRunProperties { taskType labelingSetPath: outputS3Path }
        ... on FindMatchesTaskRunProperties { taskType jobId jobName jobRunId }
        ... on EvaluationTaskRunProperties { taskType }
      }
    }
  }
`;

const transformOf = (name: DemoRunName) => (name === 'leadsLabelingSetGeneration' ? DEMO.transforms.leads : DEMO.transforms.customers);
const iso = (d: Date | undefined) => d?.toISOString() ?? null;

/** The gateway, end to end against the emulator: every demo run, compared with what Glue's own SDK sees. */
describe('every demo run through the gateway', () => {
  let stack: Stack;
  let glue: GlueClient;
  beforeAll(async () => {
    stack = await startStack();
    glue = new GlueClient({ endpoint: stack.emulator.endpoint, region: 'us-east-1' });
  });
  afterAll(async () => {
    glue.destroy();
    await stack.close();
  });

  it.each(Object.keys(DEMO.runs) as DemoRunName[])('%s matches GetMLTaskRun field for field', async (name) => {
    const key = { transformId: transformOf(name), taskRunId: DEMO.runs[name] };
    const [res, sdk] = await Promise.all([
      stack.query(RUN, { t: key.transformId, r: key.taskRunId }),
      glue.send(new GetMLTaskRunCommand({ TransformId: key.transformId, TaskRunId: key.taskRunId })),
    ]);
    expect(res.errors).toBeUndefined();
    const run = res.data.mlTaskRun;
    expect(run).toMatchObject({
      id: taskRunGlobalId(key),
      transformId: sdk.TransformId,
      taskRunId: sdk.TaskRunId,
      status: sdk.Status,
      rawStatus: sdk.Status,
      logGroupName: sdk.LogGroupName,
      errorString: sdk.ErrorString ?? null,
      startedOn: iso(sdk.StartedOn),
      lastModifiedOn: iso(sdk.LastModifiedOn),
      completedOn: iso(sdk.CompletedOn),
      executionTime: sdk.ExecutionTime ?? null,
    });
    const p = sdk.Properties!;
    expect(run.properties.taskType).toBe(p.TaskType);
    const variant = {
      IMPORT_LABELS: { __typename: 'ImportLabelsTaskRunProperties', inputS3Path: p.ImportLabelsTaskRunProperties?.InputS3Path, replace: p.ImportLabelsTaskRunProperties?.Replace },
      EXPORT_LABELS: { __typename: 'ExportLabelsTaskRunProperties', exportPath: p.ExportLabelsTaskRunProperties?.OutputS3Path },
      LABELING_SET_GENERATION: { __typename: 'LabelingSetGenerationTaskRunProperties', labelingSetPath: p.LabelingSetGenerationTaskRunProperties?.OutputS3Path },
      FIND_MATCHES: { __typename: 'FindMatchesTaskRunProperties', jobId: p.FindMatchesTaskRunProperties?.JobId, jobName: p.FindMatchesTaskRunProperties?.JobName, jobRunId: p.FindMatchesTaskRunProperties?.JobRunId },
      EVALUATION: { __typename: 'EvaluationTaskRunProperties' },
    }[p.TaskType!];
    expect(run.properties).toMatchObject(variant!);
    // No variant member is left empty where Glue filled it.
    expect(Object.values(run.properties).every((v) => v !== null && v !== undefined)).toBe(true);
  });

  it('covers every task type and every status', async () => {
    const keys = (Object.keys(DEMO.runs) as DemoRunName[]).map((n) => ({ transformId: transformOf(n), taskRunId: DEMO.runs[n] }));
    const res = await stack.query(`query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { status properties { __typename } } }`, { keys });
    const runs = res.data.mlTaskRuns as Array<{ status: string; properties: { __typename: string } }>;
    expect(new Set(runs.map((r) => r.status))).toEqual(new Set(['STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'SUCCEEDED', 'FAILED', 'TIMEOUT']));
    expect(new Set(runs.map((r) => r.properties.__typename)).size).toBe(5);
  });

  it('a run whose status and task type Glue added after this schema still resolves', async () => {
    const taskRunId = stack.emulator.store.putTaskRun({
      TransformId: DEMO.transforms.customers,
      Status: 'PAUSED',
      Properties: { TaskType: 'RETRAIN' },
      StartedOn: new Date('2026-01-01T00:00:00Z'),
    });
    const res = await stack.query(
      `query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { taskRunId status rawStatus properties { __typename } rawTaskType startedOn } }`,
      { t: DEMO.transforms.customers, r: taskRunId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.mlTaskRun).toEqual({
      taskRunId, status: null, rawStatus: 'PAUSED', properties: null, rawTaskType: 'RETRAIN', startedOn: '2026-01-01T00:00:00.000Z',
    });
  });

  it('answers GET /healthz with 200', async () => {
    const res = await fetch(new URL('/healthz', stack.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
