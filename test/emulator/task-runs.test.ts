// GetMLTaskRun, GetMLTaskRuns (filters, sorts, pagination) and CancelMLTaskRun against the demo data.
import {
  CancelMLTaskRunCommand,
  EntityNotFoundException,
  GetMLTaskRunCommand,
  GetMLTaskRunsCommand,
  InvalidInputException,
  paginateGetMLTaskRuns,
  StartMLEvaluationTaskRunCommand,
  type GetMLTaskRunsCommandInput,
  type GlueClient,
  type TaskRun,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type RunningEmulator } from '../../src/emulator/index.js';
import { UUID, expectReject, startWithClient } from './helpers.js';

let emu: RunningEmulator;
let client: GlueClient;

beforeAll(async () => {
  ({ emu, client } = await startWithClient({ maxConcurrentRunsPerTransform: 1000 }));
});
afterAll(() => emu.close());

const { customers, products, leads } = DEMO.transforms;
const runs = DEMO.runs;
const getRun = (TaskRunId: string, TransformId: string = customers) =>
  client.send(new GetMLTaskRunCommand({ TransformId, TaskRunId }));

async function listAll(input: GetMLTaskRunsCommandInput): Promise<TaskRun[]> {
  const all: TaskRun[] = [];
  for await (const page of paginateGetMLTaskRuns({ client, pageSize: input.MaxResults }, input)) {
    all.push(...(page.TaskRuns ?? []));
  }
  return all;
}

describe('GetMLTaskRun', () => {
  it.each([
    ['succeededImportLabels', 'SUCCEEDED', 'IMPORT_LABELS', 'ImportLabelsTaskRunProperties'],
    ['failedImportLabels', 'FAILED', 'IMPORT_LABELS', 'ImportLabelsTaskRunProperties'],
    ['succeededExportLabels', 'SUCCEEDED', 'EXPORT_LABELS', 'ExportLabelsTaskRunProperties'],
    ['stoppingExportLabels', 'STOPPING', 'EXPORT_LABELS', 'ExportLabelsTaskRunProperties'],
    ['succeededLabelingSetGeneration', 'SUCCEEDED', 'LABELING_SET_GENERATION', 'LabelingSetGenerationTaskRunProperties'],
    ['stoppedLabelingSetGeneration', 'STOPPED', 'LABELING_SET_GENERATION', 'LabelingSetGenerationTaskRunProperties'],
    ['succeededFindMatches', 'SUCCEEDED', 'FIND_MATCHES', 'FindMatchesTaskRunProperties'],
    ['failedFindMatches', 'FAILED', 'FIND_MATCHES', 'FindMatchesTaskRunProperties'],
    ['timeoutFindMatches', 'TIMEOUT', 'FIND_MATCHES', 'FindMatchesTaskRunProperties'],
    ['runningFindMatches', 'RUNNING', 'FIND_MATCHES', 'FindMatchesTaskRunProperties'],
    ['succeededEvaluation', 'SUCCEEDED', 'EVALUATION', undefined],
    ['startingEvaluation', 'STARTING', 'EVALUATION', undefined],
  ] as const)('serves demo run %s as %s %s with its properties', async (name, status, type, propertiesKey) => {
    const run = await getRun(runs[name]);
    expect(run.$metadata.httpStatusCode).toBe(200);
    expect(run.$metadata.requestId).toMatch(UUID);
    expect(run).toMatchObject({ TransformId: customers, TaskRunId: runs[name], Status: status, LogGroupName: `/aws-glue/ml-transforms/${customers}` });
    expect(Object.keys(run.Properties ?? {}).sort()).toEqual(propertiesKey ? [propertiesKey, 'TaskType'].sort() : ['TaskType']);
    expect(run.Properties?.TaskType).toBe(type);
    expect(run.ErrorString !== undefined).toBe(status === 'FAILED' || status === 'TIMEOUT');
    if (['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT'].includes(status)) {
      // Finished demo runs have fixed past timestamps that agree with each other.
      expect(run.StartedOn!.getTime()).toBeLessThan(Date.parse('2024-06-01T00:00:00Z'));
      expect(run.CompletedOn).toEqual(run.LastModifiedOn);
      expect(run.ExecutionTime).toBe((run.CompletedOn!.getTime() - run.StartedOn!.getTime()) / 1000);
    } else {
      expect(run.CompletedOn).toBeUndefined();
      expect(run.ExecutionTime).toBe(0);
    }
  });

  it('carries the documented properties per task type', async () => {
    const imported = await getRun(runs.succeededImportLabels);
    expect(imported.Properties?.ImportLabelsTaskRunProperties).toEqual({
      InputS3Path: 's3://demo-glue-ml/labels/customers/labels-2024-04-22.csv',
      Replace: false,
    });
    const matched = await getRun(runs.succeededFindMatches);
    expect(matched.Properties?.FindMatchesTaskRunProperties).toMatchObject({ JobName: 'customer-dedup-nightly' });
    expect(matched.Properties?.FindMatchesTaskRunProperties?.JobRunId).toMatch(/^jr_[0-9a-f]{64}$/);
  });

  it('keeps demo runs in progress however much time passes', async () => {
    emu.clock.advance(7 * 24 * 3600 * 1000);
    expect((await getRun(runs.runningFindMatches)).Status).toBe('RUNNING');
    expect((await getRun(runs.startingEvaluation)).Status).toBe('STARTING');
    expect((await getRun(runs.stoppingExportLabels)).Status).toBe('STOPPING');
  });

  it('raises EntityNotFoundException for an unknown transform or run, with Glue’s wording', async () => {
    const noTransform = await expectReject(getRun(runs.succeededEvaluation, 'tfm-missing'), EntityNotFoundException);
    expect(noTransform.message).toBe('Cannot find MLTransform in account 123456789012 with handle tfm-missing.');
    expect(noTransform.$metadata.httpStatusCode).toBe(400);
    const noRun = await expectReject(getRun('tskr-missing'), EntityNotFoundException);
    expect(noRun.message).toBe(`No ML Task Run found for tskr-missing: in account 123456789012 for transform ${customers}.`);
    // A run belongs to one transform: asking for it under another is "not found".
    await expectReject(getRun(runs.succeededEvaluation, leads), EntityNotFoundException);
  });
});

describe('GetMLTaskRuns', () => {
  it('lists runs newest first by default', async () => {
    const { TaskRuns, NextToken } = await client.send(new GetMLTaskRunsCommand({ TransformId: customers }));
    expect(NextToken).toBeUndefined();
    expect(TaskRuns).toHaveLength(12);
    const started = TaskRuns!.map((run) => run.StartedOn!.getTime());
    expect(started).toEqual([...started].sort((a, b) => b - a));
  });

  it('filters by type, status and start date', async () => {
    const byType = await listAll({ TransformId: customers, Filter: { TaskRunType: 'FIND_MATCHES' } });
    expect(byType.map((r) => r.TaskRunId).sort()).toEqual(
      [runs.succeededFindMatches, runs.failedFindMatches, runs.timeoutFindMatches, runs.runningFindMatches].sort(),
    );
    const byStatus = await listAll({ TransformId: customers, Filter: { Status: 'FAILED' } });
    expect(byStatus.map((r) => r.TaskRunId).sort()).toEqual([runs.failedFindMatches, runs.failedImportLabels].sort());
    const window = await listAll({
      TransformId: customers,
      Filter: { StartedAfter: new Date('2024-04-30T00:00:00Z'), StartedBefore: new Date('2024-05-02T12:00:00Z') },
    });
    expect(window.map((r) => r.TaskRunId).sort()).toEqual(
      [runs.succeededEvaluation, runs.succeededFindMatches, runs.failedFindMatches, runs.succeededExportLabels].sort(),
    );
    const combined = await listAll({ TransformId: customers, Filter: { TaskRunType: 'EVALUATION', Status: 'STARTING' } });
    expect(combined.map((r) => r.TaskRunId)).toEqual([runs.startingEvaluation]);
  });

  it('sorts by type, status and start time in either direction', async () => {
    const byType = await listAll({ TransformId: customers, Sort: { Column: 'TASK_RUN_TYPE', SortDirection: 'ASCENDING' } });
    const types = byType.map((r) => r.Properties!.TaskType!);
    expect(types).toEqual([...types].sort());
    const byStatus = await listAll({ TransformId: customers, Sort: { Column: 'STATUS', SortDirection: 'DESCENDING' } });
    const statuses = byStatus.map((r) => r.Status!);
    expect(statuses).toEqual([...statuses].sort().reverse());
    const oldest = await listAll({ TransformId: customers, Sort: { Column: 'STARTED', SortDirection: 'ASCENDING' } });
    expect(oldest[0]!.TaskRunId).toBe(runs.stoppedLabelingSetGeneration);
  });

  it('pages with MaxResults and NextToken, every run exactly once', async () => {
    const first = await client.send(new GetMLTaskRunsCommand({ TransformId: customers, MaxResults: 5 }));
    expect(first.TaskRuns).toHaveLength(5);
    expect(first.NextToken).toEqual(expect.any(String));
    const all = await listAll({ TransformId: customers, MaxResults: 5 });
    expect(all).toHaveLength(12);
    expect(new Set(all.map((r) => r.TaskRunId)).size).toBe(12);
  });

  it('keeps pagination stable while runs are added between pages', async () => {
    emu.store.seedBulk(products, 60);
    const before = new Set((await listAll({ TransformId: products, MaxResults: 1000 })).map((r) => r.TaskRunId!));
    for (const direction of ['ASCENDING', 'DESCENDING'] as const) {
      const seen: string[] = [];
      let NextToken: string | undefined;
      let page = 0;
      do {
        const response = await client.send(
          new GetMLTaskRunsCommand({ TransformId: products, MaxResults: 7, NextToken, Sort: { Column: 'STARTED', SortDirection: direction } }),
        );
        seen.push(...response.TaskRuns!.map((r) => r.TaskRunId!));
        NextToken = response.NextToken;
        // New runs between pages: one started now, and inserted ones dated among the existing runs.
        await client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
        emu.store.putTaskRun({ TransformId: products, Status: 'SUCCEEDED', StartedOn: new Date(Date.UTC(2024, 0, 1, 0, page * 9, 30)) });
        page++;
      } while (NextToken);
      const preExisting = seen.filter((id) => before.has(id));
      expect(preExisting).toHaveLength(before.size);
      expect(new Set(preExisting).size).toBe(before.size);
    }
  });

  it('rejects a NextToken that is garbage or belongs to another query', async () => {
    const garbage = await expectReject(
      client.send(new GetMLTaskRunsCommand({ TransformId: customers, NextToken: 'not-a-token' })),
      InvalidInputException,
    );
    expect(garbage.$metadata.httpStatusCode).toBe(400);
    const { NextToken } = await client.send(new GetMLTaskRunsCommand({ TransformId: customers, MaxResults: 2 }));
    await expectReject(
      client.send(new GetMLTaskRunsCommand({ TransformId: customers, MaxResults: 2, NextToken, Filter: { Status: 'SUCCEEDED' } })),
      InvalidInputException,
    );
  });

  it('raises EntityNotFoundException for an unknown transform', async () => {
    const error = await expectReject(client.send(new GetMLTaskRunsCommand({ TransformId: 'tfm-nope' })), EntityNotFoundException);
    expect(error.message).toContain('Cannot find MLTransform');
  });
});

describe('CancelMLTaskRun', () => {
  it('moves a running demo run through STOPPING to STOPPED with consistent timestamps', async () => {
    const response = await client.send(new CancelMLTaskRunCommand({ TransformId: customers, TaskRunId: runs.runningFindMatches }));
    expect(response).toMatchObject({ TransformId: customers, TaskRunId: runs.runningFindMatches, Status: 'STOPPING' });
    const stopping = await getRun(runs.runningFindMatches);
    expect(stopping.Status).toBe('STOPPING');
    expect(stopping.CompletedOn).toBeUndefined();
    emu.clock.advance(5_000);
    const stopped = await getRun(runs.runningFindMatches);
    expect(stopped.Status).toBe('STOPPED');
    expect(stopped.CompletedOn).toEqual(stopped.LastModifiedOn);
    expect(stopped.CompletedOn!.getTime() - stopping.LastModifiedOn!.getTime()).toBe(5_000);
    expect(stopped.ExecutionTime).toBe(Math.round((stopped.CompletedOn!.getTime() - stopped.StartedOn!.getTime()) / 1000));
  });

  it('answers STOPPING again for a run that is already stopping', async () => {
    const response = await client.send(new CancelMLTaskRunCommand({ TransformId: customers, TaskRunId: runs.stoppingExportLabels }));
    expect(response.Status).toBe('STOPPING');
  });

  // Glue: a run "can be cancelled at any time"; CancelMLTaskRun lists only EntityNotFoundException.
  it.each([
    ['succeededFindMatches', 'SUCCEEDED'],
    ['failedImportLabels', 'FAILED'],
    ['stoppedLabelingSetGeneration', 'STOPPED'],
    ['timeoutFindMatches', 'TIMEOUT'],
  ] as const)('answers a finished run (%s) with its status %s and changes nothing', async (name, status) => {
    const before = await getRun(runs[name]);
    const response = await client.send(new CancelMLTaskRunCommand({ TransformId: customers, TaskRunId: runs[name] }));
    expect(response.$metadata.httpStatusCode).toBe(200);
    expect(response).toMatchObject({ TransformId: customers, TaskRunId: runs[name], Status: status });
    emu.clock.advance(60_000);
    const { $metadata: _b, ...was } = before;
    const { $metadata: _a, ...now } = await getRun(runs[name]);
    expect(now).toEqual(was);
  });

  it('raises EntityNotFoundException for an unknown run or transform', async () => {
    await expectReject(client.send(new CancelMLTaskRunCommand({ TransformId: customers, TaskRunId: 'tskr0' })), EntityNotFoundException);
    await expectReject(client.send(new CancelMLTaskRunCommand({ TransformId: 'tfm-0', TaskRunId: 'tskr0' })), EntityNotFoundException);
  });
});
