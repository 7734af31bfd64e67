// The Start* operations, their errors, and the lifecycle of the runs they start.
import {
  ConcurrentRunsExceededException,
  EntityNotFoundException,
  GetMLTaskRunCommand,
  InvalidInputException,
  MLTransformNotReadyException,
  ResourceNumberLimitExceededException,
  StartExportLabelsTaskRunCommand,
  StartImportLabelsTaskRunCommand,
  StartMLEvaluationTaskRunCommand,
  StartMLLabelingSetGenerationTaskRunCommand,
  CancelMLTaskRunCommand,
  type GlueClient,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type RunningEmulator } from '../../src/emulator/index.js';
import { expectReject, startWithClient } from './helpers.js';

let emu: RunningEmulator;
let client: GlueClient;

beforeAll(async () => {
  // Glue-like durations (10 s starting, 60 s running, 5 s stopping); tests move the clock instead of waiting.
  ({ emu, client } = await startWithClient({ maxConcurrentRunsPerTransform: 100 }));
});
afterAll(() => emu.close());

const { customers, products, leads } = DEMO.transforms;
const RUN_ID = /^tskr[0-9a-f]{32}$/;
const getRun = (TaskRunId: string, TransformId: string = products) =>
  client.send(new GetMLTaskRunCommand({ TransformId, TaskRunId }));

describe('starting runs', () => {
  it('starts every kind of run with the properties Glue records for it', async () => {
    const evaluation = await client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
    const labeling = await client.send(
      new StartMLLabelingSetGenerationTaskRunCommand({ TransformId: products, OutputS3Path: 's3://bucket/labeling/' }),
    );
    const imported = await client.send(
      new StartImportLabelsTaskRunCommand({ TransformId: products, InputS3Path: 's3://bucket/labels.csv', ReplaceAllLabels: true }),
    );
    const exported = await client.send(new StartExportLabelsTaskRunCommand({ TransformId: products, OutputS3Path: 's3://bucket/export/' }));
    for (const response of [evaluation, labeling, imported, exported]) {
      expect(response.$metadata.httpStatusCode).toBe(200);
      expect(response.TaskRunId).toMatch(RUN_ID);
    }
    expect((await getRun(evaluation.TaskRunId!)).Properties).toEqual({ TaskType: 'EVALUATION' });
    expect((await getRun(labeling.TaskRunId!)).Properties).toEqual({
      TaskType: 'LABELING_SET_GENERATION',
      LabelingSetGenerationTaskRunProperties: { OutputS3Path: 's3://bucket/labeling/' },
    });
    expect((await getRun(imported.TaskRunId!)).Properties).toEqual({
      TaskType: 'IMPORT_LABELS',
      ImportLabelsTaskRunProperties: { InputS3Path: 's3://bucket/labels.csv', Replace: true },
    });
    const exportRun = await getRun(exported.TaskRunId!);
    expect(exportRun.Properties).toEqual({ TaskType: 'EXPORT_LABELS', ExportLabelsTaskRunProperties: { OutputS3Path: 's3://bucket/export/' } });
    expect(exportRun).toMatchObject({ Status: 'STARTING', LogGroupName: `/aws-glue/ml-transforms/${products}`, ExecutionTime: 0 });
    const replaceDefault = await client.send(new StartImportLabelsTaskRunCommand({ TransformId: products, InputS3Path: 's3://bucket/l2.csv' }));
    expect((await getRun(replaceDefault.TaskRunId!)).Properties?.ImportLabelsTaskRunProperties?.Replace).toBe(false);
  });

  it('allows labeling-set generation, but not evaluation, on a NOT_READY transform', async () => {
    const labeling = await client.send(new StartMLLabelingSetGenerationTaskRunCommand({ TransformId: leads, OutputS3Path: 's3://bucket/x/' }));
    expect(labeling.TaskRunId).toMatch(RUN_ID);
    const error = await expectReject(client.send(new StartMLEvaluationTaskRunCommand({ TransformId: leads })), MLTransformNotReadyException);
    expect(error.message).toBe('This operation can only be applied to a transform that is in a READY state.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('raises EntityNotFoundException from every Start operation for an unknown transform', async () => {
    const TransformId = 'tfm-00000000000000000000000000000000';
    const calls = [
      client.send(new StartMLEvaluationTaskRunCommand({ TransformId })),
      client.send(new StartMLLabelingSetGenerationTaskRunCommand({ TransformId, OutputS3Path: 's3://bucket/x/' })),
      client.send(new StartImportLabelsTaskRunCommand({ TransformId, InputS3Path: 's3://bucket/x.csv' })),
      client.send(new StartExportLabelsTaskRunCommand({ TransformId, OutputS3Path: 's3://bucket/x/' })),
    ];
    for (const call of calls) {
      const error = await expectReject(call, EntityNotFoundException);
      expect(error.message).toBe(`Cannot find MLTransform in account 123456789012 with handle ${TransformId}.`);
    }
  });

  it('raises InvalidInputException for S3 paths that are not s3:// URIs', async () => {
    const invalid = await expectReject(
      client.send(new StartImportLabelsTaskRunCommand({ TransformId: products, InputS3Path: '/tmp/labels.csv' })),
      InvalidInputException,
    );
    expect(invalid.message).toBe('Invalid label file path.');
    await expectReject(
      client.send(new StartExportLabelsTaskRunCommand({ TransformId: products, OutputS3Path: 'https://bucket.s3.amazonaws.com/x' })),
      InvalidInputException,
    );
    await expectReject(
      client.send(new StartMLLabelingSetGenerationTaskRunCommand({ TransformId: products, OutputS3Path: 's3://' })),
      InvalidInputException,
    );
  });

  it('raises InvalidInputException when the transform is not set up to train', async () => {
    const base = { Status: 'READY', Parameters: { TransformType: 'FIND_MATCHES', FindMatchesParameters: { PrimaryKeyColumnName: 'id' } } };
    const table = { DatabaseName: 'db', TableName: 't' };
    const noTable = emu.store.putTransform({ ...base, Name: 'no-table' });
    const twoTables = emu.store.putTransform({ ...base, Name: 'two-tables', InputRecordTables: [table, table] });
    const noParameters = emu.store.putTransform({ Name: 'no-params', Status: 'READY', InputRecordTables: [table], Parameters: { TransformType: 'FIND_MATCHES' } });
    const noKey = emu.store.putTransform({ Name: 'no-key', Status: 'READY', InputRecordTables: [table], Parameters: { TransformType: 'FIND_MATCHES', FindMatchesParameters: {} } });
    const cases: [string, string][] = [
      [noTable, 'Exactly one input record table must be provided.'],
      [twoTables, 'Exactly one input record table must be provided.'],
      [noParameters, 'Find Matches parameters have not been set.'],
      [noKey, 'A primary key must be specified in Find Matches parameters.'],
    ];
    for (const [TransformId, message] of cases) {
      const evaluation = await expectReject(client.send(new StartMLEvaluationTaskRunCommand({ TransformId })), InvalidInputException);
      expect(evaluation.message).toBe(message);
      const labeling = await expectReject(
        client.send(new StartMLLabelingSetGenerationTaskRunCommand({ TransformId, OutputS3Path: 's3://bucket/x/' })),
        InvalidInputException,
      );
      expect(labeling.message).toBe(message);
    }
  });

  it('refuses an unreadable or empty label file at start with InvalidInputException, starting nothing', async () => {
    const before = emu.store.counts().taskRunsByTransform[products];
    const noAccess = await expectReject(
      client.send(new StartImportLabelsTaskRunCommand({ TransformId: products, InputS3Path: 's3://bucket/noaccess/labels.csv' })),
      InvalidInputException,
    );
    expect(noAccess.message).toBe('Cannot access the label file at s3://bucket/noaccess/labels.csv. Access Denied.');
    expect(noAccess.$metadata.httpStatusCode).toBe(400);
    const empty = await expectReject(
      client.send(new StartImportLabelsTaskRunCommand({ TransformId: products, InputS3Path: 's3://bucket/labels-EMPTY.csv' })),
      InvalidInputException,
    );
    expect(empty.message).toBe('Invalid label file of size 0.');
    expect(emu.store.counts().taskRunsByTransform[products]).toBe(before);
  });

  it('refuses to export the labels of a transform that has none with EntityNotFoundException', async () => {
    const error = await expectReject(
      client.send(new StartExportLabelsTaskRunCommand({ TransformId: leads, OutputS3Path: 's3://bucket/export/' })),
      EntityNotFoundException,
    );
    expect(error.message).toBe(`No labelset exists for transformId ${leads} in account id 123456789012.`);
    // A transform stored without a LabelCount has no labels either.
    const bare = emu.store.putTransform({ Name: 'bare', Status: 'READY' });
    await expectReject(client.send(new StartExportLabelsTaskRunCommand({ TransformId: bare, OutputS3Path: 's3://bucket/e/' })), EntityNotFoundException);
  });

  it('accepts every bucket name S3 accepts, legacy us-east-1 ones included; refuses control characters', async () => {
    for (const OutputS3Path of ['s3://ab/x', 's3://My_Legacy.Bucket/x/', `s3://${'b'.repeat(255)}/k`, 's3://bucket', 's3://bucket/ä ö/']) {
      const { TaskRunId } = await client.send(new StartExportLabelsTaskRunCommand({ TransformId: products, OutputS3Path }));
      expect(TaskRunId).toMatch(RUN_ID);
    }
    for (const OutputS3Path of ['s3:///key', 's3://bucket/a\u0001b', 's3://bucket/a\u0085b', 's3://bu\u009fcket/x']) {
      await expectReject(client.send(new StartExportLabelsTaskRunCommand({ TransformId: products, OutputS3Path })), InvalidInputException);
    }
  });

  it('raises ResourceNumberLimitExceededException for a label file over the size limit', async () => {
    const error = await expectReject(
      client.send(new StartImportLabelsTaskRunCommand({ TransformId: products, InputS3Path: 's3://bucket/oversize-labels.csv' })),
      ResourceNumberLimitExceededException,
    );
    expect(error.message).toBe('Label file has exceeded the limit of 100 MB.');
  });
});

describe('lifecycle on the emulator clock', () => {
  it('goes STARTING -> RUNNING -> SUCCEEDED with consistent timestamps', async () => {
    const { TaskRunId } = await client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
    const starting = await getRun(TaskRunId!);
    expect(starting).toMatchObject({ Status: 'STARTING', ExecutionTime: 0 });
    expect(starting.LastModifiedOn).toEqual(starting.StartedOn);
    expect(starting.CompletedOn).toBeUndefined();

    emu.clock.advance(10_000);
    const running = await getRun(TaskRunId!);
    expect(running.Status).toBe('RUNNING');
    expect(running.LastModifiedOn!.getTime() - running.StartedOn!.getTime()).toBe(10_000);

    emu.clock.advance(60_000);
    const done = await getRun(TaskRunId!);
    expect(done).toMatchObject({ Status: 'SUCCEEDED', ExecutionTime: 70 });
    expect(done.ErrorString).toBeUndefined();
    expect(done.StartedOn).toEqual(starting.StartedOn);
    expect(done.CompletedOn!.getTime() - done.StartedOn!.getTime()).toBe(70_000);
    expect(done.LastModifiedOn).toEqual(done.CompletedOn);
  });

  it('ends FAILED with an ErrorString when the S3 path says "fail", TIMEOUT when it says "timeout"', async () => {
    const failed = await client.send(new StartImportLabelsTaskRunCommand({ TransformId: products, InputS3Path: 's3://bucket/fail.csv' }));
    const timedOut = await client.send(new StartExportLabelsTaskRunCommand({ TransformId: products, OutputS3Path: 's3://bucket/timeout/' }));
    emu.clock.advance(70_000);
    expect(await getRun(failed.TaskRunId!)).toMatchObject({
      Status: 'FAILED',
      // Unreadable files are refused at start (see above), so a run that fails later says something else.
      ErrorString: 'Internal service failure due to unexpected input.',
    });
    expect((await getRun(timedOut.TaskRunId!)).Status).toBe('TIMEOUT');
  });

  it('cancels a started run: STOPPING, then STOPPED, never SUCCEEDED', async () => {
    const { TaskRunId } = await client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
    emu.clock.advance(12_000);
    expect((await getRun(TaskRunId!)).Status).toBe('RUNNING');
    await client.send(new CancelMLTaskRunCommand({ TransformId: products, TaskRunId }));
    const stopping = await getRun(TaskRunId!);
    expect(stopping.Status).toBe('STOPPING');
    emu.clock.advance(100_000);
    const stopped = await getRun(TaskRunId!);
    expect(stopped.Status).toBe('STOPPED');
    // Stopped 5 s after the cancel; about 12 s into the run (plus the few real ms the test took).
    expect(stopped.CompletedOn!.getTime() - stopping.LastModifiedOn!.getTime()).toBe(5_000);
    expect(stopped.ExecutionTime).toBe(Math.round((stopped.CompletedOn!.getTime() - stopped.StartedOn!.getTime()) / 1000));
    expect(stopped.ExecutionTime).toBe(17);
    // Cancelling it again answers STOPPED and changes nothing.
    expect((await client.send(new CancelMLTaskRunCommand({ TransformId: products, TaskRunId }))).Status).toBe('STOPPED');
    expect(await getRun(TaskRunId!)).toMatchObject({ Status: 'STOPPED', CompletedOn: stopped.CompletedOn });
  });

  it('follows the lifecycle in real time with a fast clockSpeed', async () => {
    const fast = await startWithClient({ clockSpeed: 1000 });
    try {
      const { TaskRunId } = await fast.client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
      const seen = new Set<string>();
      const deadline = Date.now() + 2_000;
      let status = '';
      while (status !== 'SUCCEEDED' && Date.now() < deadline) {
        status = (await fast.client.send(new GetMLTaskRunCommand({ TransformId: products, TaskRunId }))).Status!;
        seen.add(status);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(status).toBe('SUCCEEDED');
      expect(seen.has('RUNNING')).toBe(true);
    } finally {
      await fast.emu.close();
    }
  });
});

describe('concurrency limit', () => {
  it('raises ConcurrentRunsExceededException once a transform has too many unfinished runs', async () => {
    const limited = await startWithClient({ maxConcurrentRunsPerTransform: 2 });
    try {
      const start = () => limited.client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
      await start();
      await limited.client.send(new StartMLLabelingSetGenerationTaskRunCommand({ TransformId: products, OutputS3Path: 's3://bucket/a/' }));
      const error = await expectReject(start(), ConcurrentRunsExceededException);
      expect(error.message).toBe('ML Task Runs count 2 has exceeded the transform limit of 2 task runs.');
      expect(error.$metadata.httpStatusCode).toBe(400);
      // Label import/export are not limited, and the limit frees up when runs finish.
      await limited.client.send(new StartExportLabelsTaskRunCommand({ TransformId: products, OutputS3Path: 's3://bucket/b/' }));
      limited.emu.clock.advance(70_000);
      expect((await start()).TaskRunId).toMatch(RUN_ID);
      // The demo transform already has 3 unfinished runs.
      await expectReject(limited.client.send(new StartMLEvaluationTaskRunCommand({ TransformId: customers })), ConcurrentRunsExceededException);
    } finally {
      await limited.emu.close();
    }
  });

  it('gives the same run ids for the same calls on every start', async () => {
    const ids: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const fresh = await startWithClient();
      const a = await fresh.client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
      const b = await fresh.client.send(new StartExportLabelsTaskRunCommand({ TransformId: customers, OutputS3Path: 's3://bucket/e/' }));
      ids.push([a.TaskRunId!, b.TaskRunId!]);
      await fresh.emu.close();
    }
    expect(ids[0]).toEqual(ids[1]);
    expect(ids[0]![0]).not.toBe(ids[0]![1]);
  });
});
