/**
 * (f) The resilience soak: a gateway with its production retry settings under 100 concurrent clients
 * sending a mix of operations while the emulator fails a share of all Glue calls (throttling, 5xx,
 * timeouts, dropped connections). The gateway may answer with coded errors, but never with a 5xx of
 * its own, never crash, and keep its memory flat.
 */
import { DEMO } from '../src/emulator/index.js';
import type { ChildServer } from './ipc.js';
import { load, runBody, type LoadResult } from './load.js';
import { whileSamplingMemory, type Memory } from './workloads.js';

export const FAULT_SOAK_CONNECTIONS = 100;
/**
 * A client's patience: well past the gateway's own bound (GLUE_TIMEOUT_MS, 10 s by default, queueing
 * and retries included), so a request counted as unanswered really was left hanging.
 */
export const FAULT_SOAK_CLIENT_TIMEOUT_SECONDS = 30;

export interface FaultSoakResult {
  faultRate: number;
  load: LoadResult;
  statuses: Record<string, number>;
  /** Responses by error code, counted once per code per response. */
  errorCodes: Record<string, number>;
  responsesWithErrors: number;
  crashed: boolean;
  start: Memory;
  peak: Memory;
  end: Memory;
  samples: Array<Memory & { t: number }>;
}

type Key = { transformId: string; taskRunId: string };

const LIST_QUERY = 'query Runs($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { id status executionTime } }';
const PAGE_QUERY =
  'query Page($t: ID!) { mlTransform(transformId: $t) { name status taskRuns(first: 5) { edges { cursor node { id status } } pageInfo { hasNextPage } } } }';

/** A mix: single runs (finished and running), lists of five, and a transform's first page. */
export function mixedBodies(finished: Key[], running: Key[]): () => string {
  let i = 0;
  return () => {
    i++;
    const pick = i % 10;
    if (pick < 3) return runBody(running[i % running.length]!);
    if (pick < 6) return runBody(finished[i % finished.length]!);
    if (pick < 9) {
      const keys = [0, 1, 2, 3, 4].map((k) => (k % 2 ? finished : running)[(i + k) % 1000]!);
      return JSON.stringify({ query: LIST_QUERY, operationName: 'Runs', variables: { keys } });
    }
    return JSON.stringify({ query: PAGE_QUERY, operationName: 'Page', variables: { t: DEMO.transforms.customers } });
  };
}

export async function faultSoak(emulator: ChildServer, gateway: ChildServer, seconds: number, faultRate: number): Promise<FaultSoakResult> {
  const finished = await emulator.call<Key[]>('seedFinished', { n: 2_000 });
  const running = await emulator.call<Key[]>('seedRunning', { n: 2_000 });
  // Warm-up without faults: JIT, sockets, the finished-run cache.
  await load({ target: gateway, connections: FAULT_SOAK_CONNECTIONS, seconds: 5, body: mixedBodies(finished, running) }, emulator);
  await emulator.call('faults', { rate: faultRate });

  const statuses: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  let responsesWithErrors = 0;
  const onResponse = (status: number, body: string) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    const codes = new Set(Array.from(body.matchAll(/"code":"([A-Z_]+)"/g), (m) => m[1]!));
    if (codes.size) responsesWithErrors++;
    for (const code of codes) errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  };

  const soakLoad = {
    target: gateway,
    connections: FAULT_SOAK_CONNECTIONS,
    seconds,
    body: mixedBodies(finished, running),
    onResponse,
    timeoutSeconds: FAULT_SOAK_CLIENT_TIMEOUT_SECONDS,
  };
  const { result, ...memory } = await whileSamplingMemory(gateway, () => load(soakLoad, emulator));
  await emulator.call('clearFaults');
  const crashed = gateway.process.exitCode !== null;
  return { faultRate, load: result, statuses, errorCodes, responsesWithErrors, crashed, ...memory };
}
