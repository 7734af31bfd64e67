/**
 * The benchmark's workloads (a)–(e), each measured on the gateway and, where a comparison means
 * something, on the naive baseline in the same run, against the same emulator.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO } from '../src/emulator/index.js';
import type { ChildServer } from './ipc.js';
import { cycle, load, pool, runBody, type LoadResult } from './load.js';
import { TYPENAME_BODY } from './reference.js';

export interface BenchSettings {
  latencyMs: number;
  seconds: number;
  warmupSeconds: number;
  soakSeconds: number;
  faultSoakSeconds: number;
  faultRate: number;
  /** Measurements per server and workload, alternating between the two servers. */
  rounds: number;
  connections: number;
  maxConcurrency: number;
}

export interface Servers {
  emulator: ChildServer;
  gateway: ChildServer;
  baseline: ChildServer;
  /** The reference servers (reference.ts): measured beside the others, always on `{ __typename }`. */
  apollo?: ChildServer;
  http?: ChildServer;
}

type Key = { transformId: string; taskRunId: string };

/** The soak's load: enough concurrency to keep the gateway busy for the whole run. */
export const SOAK_CONNECTIONS = 20;
/** (b) is also measured at this concurrency, where the gateway is CPU-bound (informational, no target). */
export const SATURATION_CONNECTIONS = 25;
/** (t) `{ __typename }` is measured at this concurrency, as in issue #14's measurements. */
export const REFERENCE_CONNECTIONS = 50;
export type Pair = { gateway: LoadResult; baseline: LoadResult; apollo?: LoadResult; http?: LoadResult };
const TARGETS = ['gateway', 'baseline', 'apollo', 'http'] as const;
type TargetName = (typeof TARGETS)[number];

const RUNNING_DEMO = { transformId: DEMO.transforms.customers, taskRunId: DEMO.runs.runningFindMatches };
const FINISHED_DEMO = { transformId: DEMO.transforms.customers, taskRunId: DEMO.runs.succeededFindMatches };

/**
 * Warm every server up (JIT, sockets, caches), then measure them in alternating rounds (gateway,
 * baseline, apollo, http, then the reverse, ...) so that load from elsewhere on a shared machine hits
 * all alike. The reference servers always get `{ __typename }`, the least an Apollo server can be asked.
 */
async function pair(servers: Servers, s: BenchSettings, connections: number, body: () => () => string): Promise<Pair> {
  const targets = TARGETS.filter((t) => servers[t]);
  const bodyOf = (t: TargetName) => (t === 'apollo' || t === 'http' ? () => TYPENAME_BODY : body());
  const rounds: Partial<Record<TargetName, LoadResult[]>> = {};
  const measure = (t: TargetName, seconds: number) =>
    load({ target: servers[t]!, connections, seconds, body: bodyOf(t) }, servers.emulator);
  for (const t of targets) await measure(t, s.warmupSeconds);
  for (let round = 0; round < s.rounds; round++) {
    for (const t of round % 2 ? [...targets].reverse() : targets) (rounds[t] ??= []).push(await measure(t, s.seconds));
  }
  const pooled = Object.fromEntries(Object.entries(rounds).map(([t, r]) => [t, pool(r)]));
  return pooled as Pair;
}

/** (t) `{ __typename }` on every server: the cost of the serving stack alone, with no field to resolve. */
export async function typename(servers: Servers, s: BenchSettings): Promise<Pair> {
  return pair(servers, s, REFERENCE_CONNECTIONS, () => () => TYPENAME_BODY);
}

/** (a) One running run per request, a different one each time: every request costs one Glue call. */
export async function distinctRunning(servers: Servers, s: BenchSettings): Promise<Pair> {
  const pool = await servers.emulator.call<Key[]>('seedRunning', { n: 20_000 });
  return pair(servers, s, s.connections, () => cycle(pool));
}

/** (b) The same finished run on every request: the gateway serves it from its cache. */
export async function repeatedFinished(servers: Servers, s: BenchSettings, connections = s.connections): Promise<Pair> {
  const body = runBody(FINISHED_DEMO);
  return pair(servers, s, connections, () => () => body);
}

/** (c) 100 clients polling one running run as fast as they can. */
export async function pollingClients(servers: Servers, s: BenchSettings): Promise<Pair> {
  const body = runBody(RUNNING_DEMO);
  return pair(servers, s, 100, () => () => body);
}

export interface WideResult {
  wallMs: number[];
  medianMs: number;
  callsPerOperation: number[];
  /**
   * Mean duration of one Glue call as the server measured it during the measured operations (from its
   * /metrics; undefined for the baseline, which has none): the upstream latency the cap actually saw.
   */
  meanCallMs?: number;
  failed: number;
}

/** Sum and count of the server's Glue call duration histogram, if it serves /metrics. */
async function callDurations(target: ChildServer): Promise<{ sum: number; count: number } | undefined> {
  const res = await fetch(new URL('/metrics', target.url));
  if (!res.ok) return undefined;
  const text = await res.text();
  const value = (name: string) => Number(new RegExp(`^glue_upstream_call_duration_seconds_${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { sum: value('sum'), count: value('count') };
}

/** (d) One operation naming 100 distinct runs (fresh each time, so nothing is cached). */
export const WIDE_WARMUPS = 3;
export const WIDE_ITERATIONS = 9;

export async function wideOperation(target: ChildServer, emulator: ChildServer, iterations = WIDE_ITERATIONS): Promise<WideResult> {
  const wallMs: number[] = [];
  const callsPerOperation: number[] = [];
  let failed = 0;
  let durationsBefore: Awaited<ReturnType<typeof callDurations>>;
  const query = 'query Wide($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { id taskRunId status } }';
  for (let i = 0; i < WIDE_WARMUPS + iterations; i++) {
    const keys = await emulator.call<Key[]>('seedRunning', { n: 100 });
    if (i === WIDE_WARMUPS) durationsBefore = await callDurations(target);
    const before = await emulator.call<number>('calls');
    const started = performance.now();
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, operationName: 'Wide', variables: { keys } }),
    });
    const body = (await res.json()) as { data?: { mlTaskRuns: unknown[] }; errors?: unknown[] };
    const elapsed = performance.now() - started;
    const calls = (await emulator.call<number>('calls')) - before;
    if (i < WIDE_WARMUPS) continue; // warm-up: this path (a 100-item list) is not the one (a)–(c) warmed
    if (body.errors || body.data?.mlTaskRuns.length !== 100) failed++;
    wallMs.push(elapsed);
    callsPerOperation.push(calls);
  }
  const sorted = [...wallMs].sort((x, y) => x - y);
  const durationsAfter = await callDurations(target);
  const meanCallMs =
    durationsBefore && durationsAfter && durationsAfter.count > durationsBefore.count
      ? ((durationsAfter.sum - durationsBefore.sum) / (durationsAfter.count - durationsBefore.count)) * 1000
      : undefined;
  return { wallMs, medianMs: sorted[Math.floor(sorted.length / 2)]!, callsPerOperation, meanCallMs, failed };
}

export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
}

export interface SoakResult {
  load: LoadResult;
  start: Memory;
  peak: Memory;
  end: Memory;
  samples: Array<Memory & { t: number }>;
}

/**
 * (e) A long mixed run on the gateway: finished runs from a pool (cache hits), one hot running run
 * (coalescing), and distinct running runs (plain calls). Memory is measured after a forced GC at
 * the start (after warm-up, caches full) and at the end, and sampled without GC for the peak.
 */
export async function soak(servers: Servers, s: BenchSettings): Promise<SoakResult> {
  const finished = (await servers.emulator.call<Key[]>('seedFinished', { n: 2_000 })).map(runBody);
  const running = (await servers.emulator.call<Key[]>('seedRunning', { n: 5_000 })).map(runBody);
  const hot = runBody(RUNNING_DEMO);
  const mixed = () => {
    let i = 0;
    return () => {
      i++;
      const pick = i % 10;
      if (pick < 5) return finished[i % finished.length]!;
      if (pick < 8) return hot;
      return running[i % running.length]!;
    };
  };
  const connections = SOAK_CONNECTIONS;
  // Warm-up long enough to walk the whole finished pool, so the cache is full before `start`.
  await load({ target: servers.gateway, connections, seconds: Math.max(s.warmupSeconds, 5), body: mixed() }, servers.emulator);
  const { result, ...memory } = await whileSamplingMemory(servers.gateway, () =>
    load({ target: servers.gateway, connections, seconds: s.soakSeconds, body: mixed() }, servers.emulator),
  );
  return { load: result, ...memory };
}

/**
 * Runs `work` on a server while sampling its memory each second (no GC: the peak), with a forced-GC
 * measurement before and after (what survives: the leak signal).
 */
export async function whileSamplingMemory<T>(
  server: ChildServer,
  work: () => Promise<T>,
): Promise<{ result: T; start: Memory; peak: Memory; end: Memory; samples: Array<Memory & { t: number }> }> {
  const measure = (collect: boolean) => server.call<Memory>('memory', { collect });
  const start = await measure(true);
  const samples: Array<Memory & { t: number }> = [];
  let sampling = true;
  const t0 = performance.now();
  const sampler = (async () => {
    while (sampling) {
      samples.push({ t: Math.round((performance.now() - t0) / 1000), ...(await measure(false)) });
      await sleep(1_000);
    }
  })();
  const result = await work().finally(() => (sampling = false));
  await sampler;
  // A crashed server cannot be measured; its end is its start, and callers report the crash.
  const end = server.process.exitCode === null ? await measure(true) : start;
  const peak = {
    rss: Math.max(...samples.map((m) => m.rss)),
    heapUsed: Math.max(...samples.map((m) => m.heapUsed)),
    heapTotal: Math.max(...samples.map((m) => m.heapTotal)),
  };
  return { result, start, peak, end, samples };
}
