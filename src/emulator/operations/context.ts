// What every operation handler gets, and the helpers they share (lookups, wire conversion).
import type { Clock } from '../clock.js';
import { entityNotFound } from '../protocol/errors.js';
import type { EmulatorStore } from '../store/store.js';
import type { RawTransform, TaskRunState } from '../store/types.js';

export interface LifecycleTiming {
  startingMs: number;
  runningMs: number;
  stoppingMs: number;
}

export interface OperationContext {
  store: EmulatorStore;
  clock: Clock;
  accountId: string;
  /** Lifecycle durations for runs started through the API, already divided by clockSpeed. */
  timing: LifecycleTiming;
  maxConcurrentRunsPerTransform: number;
  /** Transforms the account may hold; CreateMLTransform past it is ResourceNumberLimitExceededException. */
  maxTransforms: number;
}

/** Input already validated against the operation's input shape. */
export type Input = Record<string, unknown>;
export type Handler = (input: Input, context: OperationContext) => Record<string, unknown>;

/** Optional members read from validated input (JSON null counts as absent). */
export const optional = <T>(value: unknown): T | undefined => (value === null ? undefined : (value as T | undefined));

/** Glue documents this wording for a missing transform ("handle" is the id the caller passed). */
export function requireTransform(context: OperationContext, transformId: string): RawTransform & { TransformId: string } {
  const transform = context.store.getTransform(transformId);
  if (!transform) {
    throw entityNotFound(`Cannot find MLTransform in account ${context.accountId} with handle ${transformId}.`);
  }
  return transform;
}

export function requireTaskRun(context: OperationContext, transformId: string, taskRunId: string): TaskRunState {
  requireTransform(context, transformId);
  const run = context.store.getTaskRun(transformId, taskRunId);
  if (!run) {
    throw entityNotFound(
      `No ML Task Run found for ${taskRunId}: in account ${context.accountId} for transform ${transformId}.`,
    );
  }
  return run;
}

/** Drops absent members so the JSON has no nulls, as Glue's responses don't. */
export function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** JSON 1.1 timestamps are epoch seconds; fractions keep millisecond precision. */
const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);
const dateSeconds = (date: Date | undefined): number | undefined => (date ? date.getTime() / 1000 : undefined);

export function taskRunToWire(run: TaskRunState): Record<string, unknown> {
  return compact({
    TransformId: run.TransformId,
    TaskRunId: run.TaskRunId,
    Status: run.Status,
    LogGroupName: run.LogGroupName,
    Properties: run.Properties,
    ErrorString: run.ErrorString,
    StartedOn: seconds(run.StartedOn),
    LastModifiedOn: seconds(run.LastModifiedOn),
    CompletedOn: seconds(run.CompletedOn),
    ExecutionTime: run.ExecutionTime,
  });
}

export function transformToWire(transform: RawTransform & { TransformId: string }): Record<string, unknown> {
  return compact({
    ...transform,
    CreatedOn: dateSeconds(transform.CreatedOn),
    LastModifiedOn: dateSeconds(transform.LastModifiedOn),
  });
}
