/**
 * Each Glue operation the gateway uses, behind one small typed function. Every call runs under the
 * upstream policy (upstream-policy.ts): an overall deadline (GLUE_TIMEOUT_MS, retries included), and
 * per attempt the rate budget, a concurrency slot (GLUE_MAX_CONCURRENCY) and the circuit breaker.
 */
import {
  CancelMLTaskRunCommand,
  GetMLTaskRunCommand,
  GetMLTaskRunsCommand,
  GetMLTransformCommand,
  GetMLTransformsCommand,
  StartExportLabelsTaskRunCommand,
  StartImportLabelsTaskRunCommand,
  StartMLEvaluationTaskRunCommand,
  StartMLLabelingSetGenerationTaskRunCommand,
  type GlueClient,
  type TaskRunFilterCriteria,
  type TaskRunSortCriteria,
  type TransformFilterCriteria,
  type TransformSortCriteria,
} from '@aws-sdk/client-glue';
import type { CircuitStateName } from './circuit-breaker.js';
import type { TaskRunKey, TaskRunRecord, TransformRecord } from './records.js';
import type { UpstreamPolicy } from './upstream-policy.js';

/** Runs around each logical Glue call (its retries included). */
export type UpstreamCallObserver = <T>(operation: string, call: () => Promise<T>) => Promise<T>;

export interface GlueApiOptions {
  policy: Pick<UpstreamPolicy, 'call' | 'circuitState' | 'coolDownLeftMs'>;
  /** Metrics and spans per call; defaults to running the call as is. */
  observe?: UpstreamCallObserver;
}

/** One page of a Glue list operation; `nextToken` is absent on the last page. */
export interface GluePage<T> {
  items: T[];
  nextToken?: string;
}

export interface PageRequest {
  /** Glue's PageSize: 1–1000. */
  maxResults: number;
  nextToken?: string;
}

export interface TransformsRequest extends PageRequest {
  filter?: TransformFilterCriteria;
  sort?: TransformSortCriteria;
}

export interface TaskRunsRequest extends PageRequest {
  transformId: string;
  filter?: TaskRunFilterCriteria;
  sort?: TaskRunSortCriteria;
}

/** What a call carries besides its input. */
export interface CallOptions {
  /**
   * When the request the call serves began (epoch ms; default: when the call is made). When every
   * GLUE_MAX_CONCURRENCY slot is taken, the oldest request's calls go first, so a request whose calls
   * come in rounds (a transform, then its runs) waits its turn once, not once per round.
   */
  order?: number;
}

/** Every operation takes CallOptions last; decorators pass them on. */
export interface GlueApi {
  getMLTaskRun(key: TaskRunKey, call?: CallOptions): Promise<TaskRunRecord>;
  /** The cheapest authenticated call Glue has (one transform at most): proves reachability and credentials. */
  ping(): Promise<void>;
  getMLTaskRuns(request: TaskRunsRequest, call?: CallOptions): Promise<GluePage<TaskRunRecord>>;
  getMLTransform(transformId: string, call?: CallOptions): Promise<TransformRecord>;
  getMLTransforms(request: TransformsRequest, call?: CallOptions): Promise<GluePage<TransformRecord>>;
  startMLEvaluationTaskRun(transformId: string, call?: CallOptions): Promise<TaskRunKey>;
  startMLLabelingSetGenerationTaskRun(transformId: string, outputS3Path: string, call?: CallOptions): Promise<TaskRunKey>;
  startImportLabelsTaskRun(transformId: string, inputS3Path: string, replaceAllLabels: boolean, call?: CallOptions): Promise<TaskRunKey>;
  startExportLabelsTaskRun(transformId: string, outputS3Path: string, call?: CallOptions): Promise<TaskRunKey>;
  /** Asks Glue to stop a run; resolves with the status Glue answers (normally STOPPING). */
  cancelMLTaskRun(key: TaskRunKey, call?: CallOptions): Promise<{ status?: string }>;
  /** The endpoint's circuit: readiness answers 503 while it is open. */
  upstreamState?(): { circuit: CircuitStateName; coolDownLeftMs: number };
}

export function createGlueApi(client: GlueClient, options: GlueApiOptions): GlueApi {
  const observe = options.observe ?? ((_operation, run) => run());
  // `send` sends a command made from `input` itself: the policy finds the call by that object.
  const upstream = <T>(operation: string, call: CallOptions | undefined, input: object, send: () => Promise<T>): Promise<T> =>
    observe(operation, () => options.policy.call(operation, input, send, call?.order));

  // Glue answers a Start* call with the new run's id only.
  const started = async (transformId: string, send: Promise<{ TaskRunId?: string }>): Promise<TaskRunKey> => {
    const { TaskRunId } = await send;
    if (!TaskRunId) throw new Error(`Glue started a task run on ${transformId} but returned no TaskRunId`);
    return { transformId, taskRunId: TaskRunId };
  };

  const api: GlueApi = {
    async getMLTaskRun(key, call) {
      const input = { TransformId: key.transformId, TaskRunId: key.taskRunId };
      const { $metadata: _metadata, ...run } = await upstream('GetMLTaskRun', call, input, () => client.send(new GetMLTaskRunCommand(input)));
      // Glue always echoes the ids; fall back to the request's so the record is self-describing regardless.
      return { ...run, TransformId: run.TransformId ?? key.transformId, TaskRunId: run.TaskRunId ?? key.taskRunId, fetchedAt: new Date() };
    },

    async getMLTaskRuns({ transformId, maxResults, nextToken, filter, sort }, call) {
      const input = { TransformId: transformId, MaxResults: maxResults, NextToken: nextToken, Filter: filter, Sort: sort };
      const out = await upstream('GetMLTaskRuns', call, input, () => client.send(new GetMLTaskRunsCommand(input)));
      const fetchedAt = new Date();
      const items = (out.TaskRuns ?? []).map((run) => ({ ...run, TransformId: run.TransformId ?? transformId, fetchedAt }));
      return { items, nextToken: out.NextToken || undefined };
    },

    async getMLTransform(transformId, call) {
      const input = { TransformId: transformId };
      const { $metadata: _metadata, ...transform } = await upstream('GetMLTransform', call, input, () => client.send(new GetMLTransformCommand(input)));
      return { ...transform, TransformId: transform.TransformId ?? transformId };
    },

    async getMLTransforms({ maxResults, nextToken, filter, sort }, call) {
      const input = { MaxResults: maxResults, NextToken: nextToken, Filter: filter, Sort: sort };
      const out = await upstream('GetMLTransforms', call, input, () => client.send(new GetMLTransformsCommand(input)));
      return { items: out.Transforms ?? [], nextToken: out.NextToken || undefined };
    },

    startMLEvaluationTaskRun(transformId, call) {
      const input = { TransformId: transformId };
      return started(transformId, upstream('StartMLEvaluationTaskRun', call, input, () => client.send(new StartMLEvaluationTaskRunCommand(input))));
    },

    startMLLabelingSetGenerationTaskRun(transformId, outputS3Path, call) {
      const input = { TransformId: transformId, OutputS3Path: outputS3Path };
      return started(
        transformId,
        upstream('StartMLLabelingSetGenerationTaskRun', call, input, () => client.send(new StartMLLabelingSetGenerationTaskRunCommand(input))),
      );
    },

    startImportLabelsTaskRun(transformId, inputS3Path, replaceAllLabels, call) {
      const input = { TransformId: transformId, InputS3Path: inputS3Path, ReplaceAllLabels: replaceAllLabels };
      return started(transformId, upstream('StartImportLabelsTaskRun', call, input, () => client.send(new StartImportLabelsTaskRunCommand(input))));
    },

    startExportLabelsTaskRun(transformId, outputS3Path, call) {
      const input = { TransformId: transformId, OutputS3Path: outputS3Path };
      return started(transformId, upstream('StartExportLabelsTaskRun', call, input, () => client.send(new StartExportLabelsTaskRunCommand(input))));
    },

    async cancelMLTaskRun(key, call) {
      const input = { TransformId: key.transformId, TaskRunId: key.taskRunId };
      const out = await upstream('CancelMLTaskRun', call, input, () => client.send(new CancelMLTaskRunCommand(input)));
      return { status: out.Status };
    },

    async ping() {
      await api.getMLTransforms({ maxResults: 1 });
    },

    upstreamState() {
      return { circuit: options.policy.circuitState(), coolDownLeftMs: options.policy.coolDownLeftMs() };
    },
  };
  return api;
}
