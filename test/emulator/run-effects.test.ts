// What finished runs do to their transform: evaluation metrics, LastModifiedOn and label counts.
import {
  CancelMLTaskRunCommand,
  EntityNotFoundException,
  GetMLTaskRunCommand,
  GetMLTransformCommand,
  GetMLTransformsCommand,
  StartExportLabelsTaskRunCommand,
  StartImportLabelsTaskRunCommand,
  StartMLEvaluationTaskRunCommand,
  type GlueClient,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type RunningEmulator } from '../../src/emulator/index.js';
import { expectReject, startWithClient } from './helpers.js';

let emu: RunningEmulator;
let client: GlueClient;

beforeAll(async () => {
  // Glue-like durations: a run finishes 70 s after it starts; the tests move the clock.
  ({ emu, client } = await startWithClient({ maxConcurrentRunsPerTransform: 100 }));
});
afterAll(() => emu.close());

const { products } = DEMO.transforms;
const getTransform = (TransformId: string) => client.send(new GetMLTransformCommand({ TransformId }));
const FINISH = 70_000;

describe('a successful EVALUATION run', () => {
  it('replaces the evaluation metrics and LastModifiedOn once it has succeeded, not before', async () => {
    const before = await getTransform(products);
    const { TaskRunId } = await client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
    // The clock is wall time plus an offset: a second's margin covers the real time the test takes.
    emu.clock.advance(FINISH - 1_000);
    expect((await getTransform(products)).EvaluationMetrics).toEqual(before.EvaluationMetrics);

    emu.clock.advance(1_000);
    const run = await client.send(new GetMLTaskRunCommand({ TransformId: products, TaskRunId }));
    expect(run.Status).toBe('SUCCEEDED');
    const after = await getTransform(products);
    expect(after.LastModifiedOn).toEqual(run.CompletedOn);
    const metrics = after.EvaluationMetrics!.FindMatchesMetrics!;
    expect(metrics).not.toEqual(before.EvaluationMetrics!.FindMatchesMetrics);
    // Self-consistent: the ratios follow from the confusion matrix.
    const m = metrics.ConfusionMatrix!;
    expect(metrics.Precision).toBeCloseTo(m.NumTruePositives! / (m.NumTruePositives! + m.NumFalsePositives!), 4);
    expect(metrics.Recall).toBeCloseTo(m.NumTruePositives! / (m.NumTruePositives! + m.NumFalseNegatives!), 4);
    expect(metrics.F1).toBeCloseTo((2 * metrics.Precision! * metrics.Recall!) / (metrics.Precision! + metrics.Recall!), 3);
    for (const value of [metrics.AreaUnderPRCurve, metrics.Precision, metrics.Recall, metrics.F1]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    // Every schema column but the primary key (sku) gets an importance, most important first.
    expect(metrics.ColumnImportances!.map((c) => c.ColumnName).sort()).toEqual(['price', 'title']);
    const importances = metrics.ColumnImportances!.map((c) => c.Importance!);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));
    expect(after.EvaluationMetrics!.TransformType).toBe('FIND_MATCHES');

    // Listing shows the same state.
    const listed = await client.send(new GetMLTransformsCommand({ Filter: { LastModifiedAfter: new Date(run.CompletedOn!.getTime() - 1) } }));
    expect(listed.Transforms!.map((t) => t.TransformId)).toEqual([products]);
    expect(listed.Transforms![0]!.EvaluationMetrics).toEqual(after.EvaluationMetrics);
  });

  it('gives the same metrics for the same run on every start', async () => {
    const metrics: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const fresh = await startWithClient();
      await fresh.client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
      fresh.emu.clock.advance(FINISH);
      metrics.push((await fresh.client.send(new GetMLTransformCommand({ TransformId: products }))).EvaluationMetrics);
      await fresh.emu.close();
    }
    expect(metrics[0]).toEqual(metrics[1]);
  });

  it('leaves the transform alone when it was cancelled', async () => {
    const before = await getTransform(products);
    const { TaskRunId } = await client.send(new StartMLEvaluationTaskRunCommand({ TransformId: products }));
    emu.clock.advance(20_000);
    await client.send(new CancelMLTaskRunCommand({ TransformId: products, TaskRunId }));
    emu.clock.advance(FINISH);
    const after = await getTransform(products);
    expect(after.EvaluationMetrics).toEqual(before.EvaluationMetrics);
    expect(after.LastModifiedOn).toEqual(before.LastModifiedOn);
  });
});

describe('a successful IMPORT_LABELS run', () => {
  const importLabels = (TransformId: string, InputS3Path: string, ReplaceAllLabels?: boolean) =>
    client.send(new StartImportLabelsTaskRunCommand({ TransformId, InputS3Path, ReplaceAllLabels }));

  it('adds 100 labels, or replaces the count with them; failed imports count nothing', async () => {
    const id = emu.store.putTransform({ Name: 'labels', Status: 'READY', LabelCount: 30, LastModifiedOn: new Date('2024-01-01T00:00:00Z') });
    await importLabels(id, 's3://bucket/labels-1.csv');
    expect((await getTransform(id)).LabelCount).toBe(30);
    emu.clock.advance(FINISH);
    expect((await getTransform(id)).LabelCount).toBe(130);

    await importLabels(id, 's3://bucket/fail.csv');
    emu.clock.advance(FINISH);
    expect((await getTransform(id)).LabelCount).toBe(130);

    await importLabels(id, 's3://bucket/labels-2.csv', true);
    emu.clock.advance(FINISH);
    const after = await getTransform(id);
    expect(after.LabelCount).toBe(100);
    // Only evaluations move LastModifiedOn.
    expect(after.LastModifiedOn).toEqual(new Date('2024-01-01T00:00:00Z'));
  });

  it('gives a transform without labels a labelset that can then be exported', async () => {
    const id = emu.store.putTransform({ Name: 'unlabelled', Status: 'NOT_READY', LabelCount: 0 });
    const exportLabels = () => client.send(new StartExportLabelsTaskRunCommand({ TransformId: id, OutputS3Path: 's3://bucket/out/' }));
    await expectReject(exportLabels(), EntityNotFoundException);
    await importLabels(id, 's3://bucket/first-labels.csv');
    await expectReject(exportLabels(), EntityNotFoundException); // not until the import has succeeded
    emu.clock.advance(FINISH);
    expect((await exportLabels()).TaskRunId).toMatch(/^tskr/);
  });
});
