/**
 * What the page knows about one task run, derived from the typed query results: the run itself, a
 * missing run, or an error (which may be worth retrying). Pure functions, so the rules are in one place.
 */
import type { CombinedError } from '@urql/core';
import type { MLTaskRunStatus, TaskRunsQuery } from './gql/graphql.js';

export type TaskRunView = NonNullable<TaskRunsQuery['mlTaskRuns'][number]>;
export type TaskRunProperties = NonNullable<TaskRunView['properties']>;

export interface TaskRunKey {
  transformId: string;
  taskRunId: string;
}

export type RunState =
  | { kind: 'loading'; key: TaskRunKey }
  | { kind: 'run'; key: TaskRunKey; run: TaskRunView; polling: boolean }
  | { kind: 'missing'; key: TaskRunKey; message: string }
  | { kind: 'error'; key: TaskRunKey; message: string; code: string; polling: boolean };

/** The schema's finished statuses: a run in one of them never changes again, so polling stops. */
const FINISHED: ReadonlySet<MLTaskRunStatus> = new Set<MLTaskRunStatus>(['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT']);

/** A status this client does not know (`null`, see `rawStatus`) counts as unfinished: keep polling. */
export function isFinished(run: TaskRunView): boolean {
  return run.status !== null && FINISHED.has(run.status);
}

/**
 * The state of the run at `path` in a result: the run when present; otherwise its error (the gateway
 * reports one per failed run, its path ending in the run's index), NOT_FOUND meaning it does not exist.
 */
export function stateOf(key: TaskRunKey, run: TaskRunView | null | undefined, error: CombinedError | undefined, path: Array<string | number>): RunState {
  if (run) return { kind: 'run', key, run, polling: !isFinished(run) };
  // The error at exactly this path, else one for the whole field or request (its path a prefix of ours, or none).
  const graphQLError =
    error?.graphQLErrors.find((e) => e.path?.join('.') === path.join('.')) ??
    error?.graphQLErrors.find((e) => !e.path || e.path.every((segment, i) => segment === path[i]));
  const code = String(graphQLError?.extensions?.code ?? (error?.networkError ? 'NETWORK_ERROR' : 'UNKNOWN'));
  const message = graphQLError?.message ?? error?.networkError?.message ?? 'No data returned.';
  if (code === 'NOT_FOUND') return { kind: 'missing', key, message };
  // Upstream trouble (retryable) and network failures are worth another try on the next tick.
  const retryable = graphQLError?.extensions?.retryable === true || !!error?.networkError;
  return { kind: 'error', key, message, code, polling: retryable };
}

export function isPolling(state: RunState): boolean {
  return state.kind === 'loading' || ((state.kind === 'run' || state.kind === 'error') && state.polling);
}
