// In-memory transforms and task runs. Business rules (what may start, what may be cancelled) live in
// the operations; this module only keeps records, derives their state and exposes a test API.
import type { Clock } from '../clock.js';
import { taskRunIdFor, transformIdFor } from '../ids.js';
import { transformAt } from './effects.js';
import { IN_PROGRESS, secondsBetween, stateAt } from './lifecycle.js';
import type { Lifecycle, RawTaskRun, RawTransform, StoreCounts, TaskRunProperties, TaskRunRecord, TaskRunState } from './types.js';

export const logGroupFor = (transformId: string): string => `/aws-glue/ml-transforms/${transformId}`;

/** Finished statuses and types cycled by seedBulk: mostly successes, some of every other ending. */
const BULK_STATUSES = ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'SUCCEEDED', 'STOPPED', 'SUCCEEDED', 'TIMEOUT'];
const BULK_TYPES = ['FIND_MATCHES', 'EVALUATION', 'LABELING_SET_GENERATION', 'IMPORT_LABELS', 'EXPORT_LABELS'];
/** Bulk runs start at this fixed instant and every minute after it, so they are identical on every start. */
const BULK_EPOCH = Date.UTC(2024, 0, 1, 0, 0, 0);

export class EmulatorStore {
  private readonly transformsById = new Map<string, RawTransform & { TransformId: string }>();
  private readonly runsByTransform = new Map<string, Map<string, TaskRunRecord>>();
  /** Tags by transform id (GetTags, TagResource, UntagResource); absent means none. */
  private readonly tagsByTransform = new Map<string, Record<string, string>>();
  private startedCount = 0;
  private createdCount = 0;

  constructor(
    private readonly clock: Clock,
    private readonly idSeed: string,
  ) {}

  /** Inserts or replaces a transform; returns its TransformId. */
  putTransform(raw: RawTransform): string {
    const TransformId = raw.TransformId ?? transformIdFor(`custom:${raw.Name}`);
    this.transformsById.set(TransformId, { ...raw, TransformId });
    if (!this.runsByTransform.has(TransformId)) this.runsByTransform.set(TransformId, new Map());
    return TransformId;
  }

  /** Records a transform created through the API under a new id (unique even when a name comes back). */
  createTransform(raw: Omit<RawTransform, 'TransformId'>, tags: Record<string, string>): string {
    const TransformId = transformIdFor(`${this.idSeed}:created:${this.createdCount++}`);
    this.putTransform({ ...raw, TransformId });
    this.setTags(TransformId, tags);
    return TransformId;
  }

  /** Replaces the stored record's members given in `changes`; false when the transform is unknown. */
  updateTransform(transformId: string, changes: Partial<Omit<RawTransform, 'TransformId'>>): boolean {
    const transform = this.transformsById.get(transformId);
    if (!transform) return false;
    this.transformsById.set(transformId, { ...transform, ...changes, TransformId: transformId });
    return true;
  }

  /** Removes a transform with its runs and tags; false when it is unknown. */
  deleteTransform(transformId: string): boolean {
    this.runsByTransform.delete(transformId);
    this.tagsByTransform.delete(transformId);
    return this.transformsById.delete(transformId);
  }

  /** A copy of the transform's tags ({} when it has none). */
  getTags(transformId: string): Record<string, string> {
    return { ...this.tagsByTransform.get(transformId) };
  }

  /** Replaces the transform's tags. */
  setTags(transformId: string, tags: Record<string, string>): void {
    if (!this.transformsById.has(transformId)) throw new Error(`setTags: unknown transform ${transformId}`);
    this.tagsByTransform.set(transformId, { ...tags });
  }

  /**
   * Inserts or replaces a task run exactly as given (any Status/TaskType string, missing fields stay
   * missing); returns its TaskRunId. The transform must exist, as it must in Glue for the run to be found.
   */
  putTaskRun(raw: RawTaskRun): string {
    const runs = this.runsByTransform.get(raw.TransformId);
    if (!runs) throw new Error(`putTaskRun: unknown transform ${raw.TransformId}; putTransform it first`);
    const TaskRunId = raw.TaskRunId ?? taskRunIdFor(`${this.idSeed}:raw:${raw.TransformId}:${runs.size}`);
    runs.set(TaskRunId, { raw: { ...raw, TaskRunId } });
    return TaskRunId;
  }

  /** Adds n finished runs (deterministic ids, types, statuses and past timestamps); returns their ids. */
  seedBulk(transformId: string, n: number): string[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('seedBulk needs a non-negative integer count');
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const status = BULK_STATUSES[i % BULK_STATUSES.length] as string;
      const startedOn = BULK_EPOCH + i * 60_000;
      const completedOn = startedOn + 30_000 + (i % 7) * 5_000;
      ids.push(
        this.putTaskRun({
          TransformId: transformId,
          TaskRunId: taskRunIdFor(`bulk:${transformId}:${i}`),
          Status: status,
          LogGroupName: logGroupFor(transformId),
          Properties: { TaskType: BULK_TYPES[i % BULK_TYPES.length] },
          ErrorString: status === 'FAILED' ? 'Internal service failure due to unexpected input.' : undefined,
          StartedOn: new Date(startedOn),
          LastModifiedOn: new Date(completedOn),
          CompletedOn: new Date(completedOn),
          ExecutionTime: secondsBetween(startedOn, completedOn),
        }),
      );
    }
    return ids;
  }

  /** Records a run started through the API; its status then follows `lifecycle` on the store's clock. */
  startTaskRun(transformId: string, properties: TaskRunProperties, lifecycle: Lifecycle): string {
    const runs = this.runsByTransform.get(transformId);
    if (!runs) throw new Error(`startTaskRun: unknown transform ${transformId}`);
    const TaskRunId = taskRunIdFor(`${this.idSeed}:started:${this.startedCount++}`);
    const raw = {
      TransformId: transformId,
      TaskRunId,
      LogGroupName: logGroupFor(transformId),
      Properties: properties,
      StartedOn: new Date(this.clock.now()),
    };
    runs.set(TaskRunId, { raw, lifecycle });
    return TaskRunId;
  }

  /** Marks a run as cancelled now; it reports STOPPING for stoppingMs, then STOPPED. */
  cancelTaskRun(transformId: string, taskRunId: string, stoppingMs: number): void {
    const record = this.runsByTransform.get(transformId)?.get(taskRunId);
    if (record && !record.cancel) record.cancel = { at: this.clock.now(), stoppingMs };
  }

  /** A transform as it is now: its record plus the effects of runs that have finished (see effects.ts). */
  getTransform(transformId: string): (RawTransform & { TransformId: string }) | undefined {
    const transform = this.transformsById.get(transformId);
    return transform && this.withEffects(transform, this.clock.now());
  }

  /** All transforms, evaluated at one instant. */
  listTransforms(): (RawTransform & { TransformId: string })[] {
    const now = this.clock.now();
    return [...this.transformsById.values()].map((transform) => this.withEffects(transform, now));
  }

  private withEffects(transform: RawTransform & { TransformId: string }, now: number): RawTransform & { TransformId: string } {
    return transformAt(transform, this.runsByTransform.get(transform.TransformId)?.values() ?? [], now);
  }

  /** A run's state now, or undefined when the transform or run is unknown. */
  getTaskRun(transformId: string, taskRunId: string): TaskRunState | undefined {
    const record = this.runsByTransform.get(transformId)?.get(taskRunId);
    return record ? stateAt(record, this.clock.now()) : undefined;
  }

  /** All runs of a transform, evaluated at one instant so a page is internally consistent. */
  listTaskRuns(transformId: string): TaskRunState[] {
    const now = this.clock.now();
    return [...(this.runsByTransform.get(transformId)?.values() ?? [])].map((record) => stateAt(record, now));
  }

  /** Runs of a transform currently STARTING, RUNNING or STOPPING. */
  inProgressCount(transformId: string): number {
    return this.listTaskRuns(transformId).filter((run) => IN_PROGRESS.has(run.Status ?? '')).length;
  }

  counts(): StoreCounts {
    const taskRunsByTransform: Record<string, number> = {};
    let taskRuns = 0;
    for (const [transformId, runs] of this.runsByTransform) {
      taskRunsByTransform[transformId] = runs.size;
      taskRuns += runs.size;
    }
    return { transforms: this.transformsById.size, taskRuns, taskRunsByTransform };
  }

  /** Removes every transform and run (demo data included). */
  clear(): void {
    this.transformsById.clear();
    this.runsByTransform.clear();
    this.tagsByTransform.clear();
  }
}
