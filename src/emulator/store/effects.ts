// What finished runs do to their transform. Like a run's status, a transform's state is derived on
// read from its stored record and the runs that have SUCCEEDED by `now`, so it moves with the clock:
//  - EVALUATION sets EvaluationMetrics (Glue: "the latest evaluation") and LastModifiedOn;
//  - IMPORT_LABELS adds LABELS_PER_IMPORT labels to LabelCount, or sets it to that with Replace.
// Only runs started through the API have effects; runs inserted as-is (demo data, putTaskRun) are
// history the stored transform already reflects.
import { createRandom } from '../prng.js';
import { stateAt } from './lifecycle.js';
import type { RawTransform, TaskRunRecord, TaskRunState } from './types.js';

type Transform = RawTransform & { TransformId: string };
type Metrics = NonNullable<RawTransform['EvaluationMetrics']>;

/** The emulator reads no label file, so every import holds this many labels (chosen, not documented). */
export const LABELS_PER_IMPORT = 100;

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * Plausible, self-consistent metrics for one evaluation run, the same for the same run id: precision,
 * recall and F1 follow from the confusion matrix, and columns other than the primary key get importances.
 */
export function evaluationMetricsFor(transform: Transform, taskRunId: string): Metrics {
  const random = createRandom(Number.parseInt(taskRunId.replace(/[^0-9a-f]/g, '').slice(0, 8) || '0', 16));
  const truePositives = 300 + Math.floor(random.next() * 200);
  const falsePositives = Math.floor(truePositives * (0.05 + random.next() * 0.25));
  const falseNegatives = Math.floor(truePositives * (0.05 + random.next() * 0.3));
  const trueNegatives = 5_000 + Math.floor(random.next() * 5_000);
  const precision = truePositives / (truePositives + falsePositives);
  const recall = truePositives / (truePositives + falseNegatives);
  const f1 = (2 * precision * recall) / (precision + recall);
  const primaryKey = transform.Parameters?.FindMatchesParameters?.PrimaryKeyColumnName;
  const columns = (transform.Schema ?? []).filter((c) => c.Name !== undefined && c.Name !== primaryKey).slice(0, 100);
  return {
    TransformType: transform.Parameters?.TransformType ?? 'FIND_MATCHES',
    FindMatchesMetrics: {
      AreaUnderPRCurve: round(Math.min(1, f1 + 0.02 + random.next() * 0.05)),
      Precision: round(precision),
      Recall: round(recall),
      F1: round(f1),
      ConfusionMatrix: {
        NumTruePositives: truePositives,
        NumFalsePositives: falsePositives,
        NumTrueNegatives: trueNegatives,
        NumFalseNegatives: falseNegatives,
      },
      ColumnImportances: columns
        .map((c) => ({ ColumnName: c.Name, Importance: round(random.next()) }))
        .sort((a, b) => b.Importance - a.Importance),
    },
  };
}

function apply(transform: Transform, run: TaskRunState): Transform {
  const properties = run.Properties;
  if (properties?.TaskType === 'EVALUATION') {
    return {
      ...transform,
      EvaluationMetrics: evaluationMetricsFor(transform, run.TaskRunId),
      LastModifiedOn: run.CompletedOn === undefined ? transform.LastModifiedOn : new Date(run.CompletedOn),
    };
  }
  if (properties?.TaskType === 'IMPORT_LABELS') {
    const replace = properties.ImportLabelsTaskRunProperties?.Replace ?? false;
    return { ...transform, LabelCount: (replace ? 0 : (transform.LabelCount ?? 0)) + LABELS_PER_IMPORT };
  }
  return transform;
}

/** The transform as Glue would report it at `now`: its record plus the effects of runs finished by then. */
export function transformAt(transform: Transform, runs: Iterable<TaskRunRecord>, now: number): Transform {
  const succeeded: TaskRunState[] = [];
  for (const record of runs) {
    if (!record.lifecycle) continue;
    const state = stateAt(record, now);
    if (state.Status === 'SUCCEEDED') succeeded.push(state);
  }
  // In the order the runs finished (ties by id), so the latest evaluation is the one that stays.
  succeeded.sort((a, b) => (a.CompletedOn ?? 0) - (b.CompletedOn ?? 0) || (a.TaskRunId < b.TaskRunId ? -1 : 1));
  return succeeded.reduce(apply, transform);
}
