// Derives a task run's status and timestamps from its record and the current time. Nothing runs on
// timers: a run's state is a pure function of (record, now), so results are deterministic and a test
// clock can fast-forward through STARTING -> RUNNING -> SUCCEEDED without sleeping.
import type { TaskRunRecord, TaskRunState } from './types.js';

export const IN_PROGRESS = new Set(['STARTING', 'RUNNING', 'STOPPING']);

const toMs = (date: Date | undefined): number | undefined => (date ? date.getTime() : undefined);

/** Whole seconds between two instants, the unit of Glue's ExecutionTime. */
export const secondsBetween = (from: number, to: number): number => Math.max(0, Math.round((to - from) / 1000));

function baseState(record: TaskRunRecord): TaskRunState {
  const raw = record.raw;
  return {
    TransformId: raw.TransformId,
    TaskRunId: raw.TaskRunId,
    Status: raw.Status,
    LogGroupName: raw.LogGroupName,
    Properties: raw.Properties,
    ErrorString: raw.ErrorString,
    StartedOn: toMs(raw.StartedOn),
    LastModifiedOn: toMs(raw.LastModifiedOn),
    CompletedOn: toMs(raw.CompletedOn),
    ExecutionTime: raw.ExecutionTime,
  };
}

function lifecycleState(record: TaskRunRecord, state: TaskRunState, now: number): TaskRunState {
  const life = record.lifecycle;
  const startedOn = state.StartedOn;
  if (!life || startedOn === undefined) return state;
  const runningFrom = startedOn + life.startingMs;
  const finishedAt = runningFrom + life.runningMs;
  if (now < runningFrom) return { ...state, Status: 'STARTING', LastModifiedOn: startedOn, ExecutionTime: 0 };
  if (now < finishedAt) return { ...state, Status: 'RUNNING', LastModifiedOn: runningFrom, ExecutionTime: 0 };
  return {
    ...state,
    Status: life.outcome,
    ErrorString: life.errorString,
    LastModifiedOn: finishedAt,
    CompletedOn: finishedAt,
    ExecutionTime: secondsBetween(startedOn, finishedAt),
  };
}

/** The run as GetMLTaskRun would report it at `now`. */
export function stateAt(record: TaskRunRecord, now: number): TaskRunState {
  const cancel = record.cancel;
  // A cancel only counts from the moment it was requested; before that the normal lifecycle applies.
  const beforeCancel = lifecycleState(record, baseState(record), cancel ? Math.min(now, cancel.at) : now);
  if (!cancel || now < cancel.at) return beforeCancel;
  const stoppedAt = cancel.at + cancel.stoppingMs;
  if (now < stoppedAt) {
    return { ...beforeCancel, Status: 'STOPPING', LastModifiedOn: cancel.at, CompletedOn: undefined, ExecutionTime: 0 };
  }
  const startedOn = beforeCancel.StartedOn;
  return {
    ...beforeCancel,
    Status: 'STOPPED',
    LastModifiedOn: stoppedAt,
    CompletedOn: stoppedAt,
    ExecutionTime: startedOn === undefined ? beforeCancel.ExecutionTime : secondsBetween(startedOn, stoppedAt),
  };
}
