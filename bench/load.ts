/**
 * One autocannon run against a server, with the upstream calls it caused: the numbers every workload
 * of the benchmark reports (requests/s, latency percentiles, Glue calls per request), plus a count of
 * responses that carried GraphQL errors, so a fast but failing server cannot look good.
 */
import autocannon from 'autocannon';
import type { ChildServer } from './ipc.js';

export interface LoadResult {
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  upstreamCalls: number;
  callsPerRequest: number;
  /** CPU time the server under test used per request (user + system). */
  cpuMsPerRequest: number;
  failed: number;
  /** Connection errors and timeouts: requests that got no HTTP response at all. */
  socketErrors: number;
}

export interface LoadOptions {
  target: ChildServer;
  connections: number;
  seconds: number;
  /** The request body of each request, in order (a cycle over a pool of distinct runs, or a constant). */
  body: () => string;
  /** How long a request may take before autocannon counts it as a timeout (its default: 10 s). */
  timeoutSeconds?: number;
  /** Sees every response (status and body), for workloads that classify them. */
  onResponse?: (status: number, body: string) => void;
}

export const RUN_QUERY = 'query Run($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id taskRunId status startedOn completedOn executionTime properties { __typename } } }';

export function runBody(key: { transformId: string; taskRunId: string }): string {
  return JSON.stringify({ query: RUN_QUERY, operationName: 'Run', variables: { t: key.transformId, r: key.taskRunId } });
}

/** Bodies cycling through `keys`, one distinct run per request until the pool wraps. */
export function cycle(keys: Array<{ transformId: string; taskRunId: string }>): () => string {
  const bodies = keys.map(runBody);
  let next = 0;
  return () => bodies[next++ % bodies.length]!;
}

export async function load(options: LoadOptions, emulator: ChildServer): Promise<LoadResult> {
  let failed = 0;
  const before = await emulator.call<number>('calls');
  const cpuBefore = await options.target.call<number>('cpu');
  const result = await autocannon({
    url: options.target.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.timeoutSeconds ? { timeout: options.timeoutSeconds } : {}),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: options.body() }),
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"')) failed++;
          options.onResponse?.(status, body);
        },
      },
    ],
  });
  const upstreamCalls = (await emulator.call<number>('calls')) - before;
  const cpuMs = (await options.target.call<number>('cpu')) - cpuBefore;
  const requests = result.requests.total;
  return {
    seconds: result.duration,
    requests,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    upstreamCalls,
    callsPerRequest: requests ? upstreamCalls / requests : 0,
    cpuMsPerRequest: requests ? cpuMs / requests : 0,
    failed: failed + result.errors + result.timeouts,
    socketErrors: result.errors + result.timeouts,
  };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

/** Rounds of one server pooled: totals over the total time, latency percentiles as the rounds' median. */
export function pool(rounds: LoadResult[]): LoadResult {
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const upstreamCalls = rounds.reduce((n, r) => n + r.upstreamCalls, 0);
  return {
    seconds,
    requests,
    rps: requests / seconds,
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    upstreamCalls,
    callsPerRequest: requests ? upstreamCalls / requests : 0,
    cpuMsPerRequest: requests ? rounds.reduce((n, r) => n + r.cpuMsPerRequest * r.requests, 0) / requests : 0,
    failed: rounds.reduce((n, r) => n + r.failed, 0),
    socketErrors: rounds.reduce((n, r) => n + r.socketErrors, 0),
  };
}
