// The store API tests use to shape data: raw records (unknown enum values included), counts, bulk data.
import {
  CancelMLTaskRunCommand,
  GetMLTaskRunCommand,
  GetMLTaskRunsCommand,
  GetMLTransformsCommand,
  type GlueClient,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { rawCall, startWithClient } from './helpers.js';

let emu: RunningEmulator;
let client: GlueClient;

beforeAll(async () => {
  ({ emu, client } = await startWithClient());
});
afterAll(() => emu.close());

const { customers, products, leads } = DEMO.transforms;

describe('raw task runs', () => {
  it('serves Status and TaskType values outside the enums unchanged', async () => {
    const TaskRunId = emu.store.putTaskRun({
      TransformId: customers,
      Status: 'PAUSED',
      Properties: { TaskType: 'DEDUPLICATE_V2' },
      StartedOn: new Date('2024-06-01T00:00:00Z'),
    });
    const run = await client.send(new GetMLTaskRunCommand({ TransformId: customers, TaskRunId }));
    expect(run.Status).toBe('PAUSED');
    expect(run.Properties?.TaskType).toBe('DEDUPLICATE_V2');
    const raw = await rawCall(emu.endpoint, { target: 'AWSGlue.GetMLTaskRun', body: { TransformId: customers, TaskRunId } });
    expect(raw.json).toEqual({
      TransformId: customers,
      TaskRunId,
      Status: 'PAUSED',
      Properties: { TaskType: 'DEDUPLICATE_V2' },
      StartedOn: Date.parse('2024-06-01T00:00:00Z') / 1000,
    });
    // It lists and sorts like any other run; cancelling it answers its status and leaves it as it is.
    const listed = await client.send(new GetMLTaskRunsCommand({ TransformId: customers, Sort: { Column: 'STATUS', SortDirection: 'ASCENDING' } }));
    expect(listed.TaskRuns!.map((r) => r.Status)).toContain('PAUSED');
    const cancelled = await client.send(new CancelMLTaskRunCommand({ TransformId: customers, TaskRunId }));
    expect(cancelled.Status).toBe('PAUSED');
    expect(emu.store.getTaskRun(customers, TaskRunId)?.Status).toBe('PAUSED');
  });

  it('keeps missing fields missing and honours a given TaskRunId', async () => {
    const TaskRunId = emu.store.putTaskRun({ TransformId: leads, TaskRunId: 'tskr-handmade' });
    expect(TaskRunId).toBe('tskr-handmade');
    const raw = await rawCall(emu.endpoint, { target: 'AWSGlue.GetMLTaskRun', body: { TransformId: leads, TaskRunId } });
    expect(raw.json).toEqual({ TransformId: leads, TaskRunId: 'tskr-handmade' });
  });

  it('refuses a run for a transform that does not exist', () => {
    expect(() => emu.store.putTaskRun({ TransformId: 'tfm-nowhere' })).toThrow(/unknown transform/);
  });

  it('exposes a run’s current state to tests', () => {
    expect(emu.store.getTaskRun(customers, DEMO.runs.timeoutFindMatches)?.Status).toBe('TIMEOUT');
    expect(emu.store.getTaskRun(customers, 'tskr-none')).toBeUndefined();
  });
});

describe('counts and bulk data', () => {
  it('counts transforms and runs per transform', async () => {
    const fresh = await startEmulator();
    expect(fresh.store.counts()).toEqual({
      transforms: 3,
      taskRuns: 13,
      taskRunsByTransform: { [customers]: 12, [products]: 0, [leads]: 1 },
    });
    await fresh.close();
  });

  it('seeds ~1000 deterministic finished runs for benchmarks', async () => {
    const before = emu.store.counts().taskRuns;
    const ids = emu.store.seedBulk(products, 1000);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(emu.store.counts().taskRuns).toBe(before + 1000);
    expect(emu.store.counts().taskRunsByTransform[products]).toBe(1000);

    const page = await client.send(new GetMLTaskRunsCommand({ TransformId: products, MaxResults: 1000 }));
    expect(page.TaskRuns).toHaveLength(1000);
    expect(page.NextToken).toBeUndefined();
    expect(new Set(page.TaskRuns!.map((r) => r.Status))).toEqual(new Set(['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT']));
    expect(new Set(page.TaskRuns!.map((r) => r.Properties?.TaskType)).size).toBe(5);
    for (const run of page.TaskRuns!.slice(0, 50)) {
      expect(run.CompletedOn!.getTime() - run.StartedOn!.getTime()).toBe(run.ExecutionTime! * 1000);
    }

    const other = await startEmulator({ seedDemoData: false });
    other.store.putTransform({ TransformId: products, Name: 'copy' });
    expect(other.store.seedBulk(products, 1000)).toEqual(ids);
    await other.close();
  });

  it('starts empty without demo data, and clear() empties a store', async () => {
    const empty = await startWithClient({ seedDemoData: false });
    expect(empty.emu.store.counts()).toEqual({ transforms: 0, taskRuns: 0, taskRunsByTransform: {} });
    expect((await empty.client.send(new GetMLTransformsCommand({}))).Transforms).toEqual([]);
    const id = empty.emu.store.putTransform({ Name: 'mine', Status: 'READY' });
    expect((await empty.client.send(new GetMLTransformsCommand({}))).Transforms!.map((t) => t.TransformId)).toEqual([id]);
    empty.emu.store.clear();
    expect(empty.emu.store.counts().transforms).toBe(0);
    await empty.emu.close();
  });
});
