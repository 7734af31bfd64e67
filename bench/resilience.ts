/**
 * The resilience scenarios, each against a gateway of its own with production settings:
 * (f) the mixed workload with 0% and 5% upstream faults, alternating (closed loop, throughput);
 * (g) Glue down for a while, then back (open loop: latency, Glue calls, stale answers, recovery);
 * (h) Glue's quota of 50 calls/s under three times that demand (open loop).
 */
import { FAULT_SOAK_CONNECTIONS, mixedBodies } from './fault-soak.js';
import { spawnChild, type ChildServer } from './ipc.js';
import { load, pool, runBody, type LoadResult } from './load.js';
import { openLoop, type Sample } from './open-loop.js';
import { perSecond, sampleCounter, sampleGlueCalls, type Timeline } from './timeline.js';

type Key = { transformId: string; taskRunId: string };

export interface ResilienceSettings {
  faultRate: number;
  /** (f): seconds per round and rounds per fault level. */
  fRoundSeconds: number;
  fRounds: number;
  /** (g): seconds of Glue up, down, and back. */
  gUpSeconds: number;
  gDownSeconds: number;
  gBackSeconds: number;
  gRps: number;
  /** (h): quota and demand. */
  hSeconds: number;
  hQuotaRps: number;
  hDemandFactor: number;
  /** GLUE_RETRY_MODE for the gateways; undefined: the gateway's default. */
  retryMode?: string;
}

export interface FResult {
  clean: LoadResult;
  faulty: LoadResult;
  statuses: Record<string, number>;
  responses: number;
  responsesWithErrors: number;
  timeline: Timeline;
}

export interface GResult {
  samples: Sample[];
  timeline: Timeline;
  downFrom: number;
  downTo: number;
}

export interface HResult {
  samples: Sample[];
  timeline: Timeline;
  glueCalls: number;
  throttled: number;
  seconds: number;
}

const gatewayFor = (emulator: ChildServer, s: ResilienceSettings) =>
  spawnChild('./server-process.ts', ['gateway'], {
    NODE_ENV: 'production',
    GLUE_ENDPOINT: emulator.url,
    ...(s.retryMode ? { GLUE_RETRY_MODE: s.retryMode } : {}),
  });

export async function scenarioF(emulator: ChildServer, s: ResilienceSettings): Promise<FResult> {
  const gateway = await gatewayFor(emulator, s);
  try {
    const finished = await emulator.call<Key[]>('seedFinished', { n: 2_000 });
    const running = await emulator.call<Key[]>('seedRunning', { n: 2_000 });
    const body = mixedBodies(finished, running);
    await load({ target: gateway, connections: FAULT_SOAK_CONNECTIONS, seconds: 3, body }, emulator);
    const statuses: Record<string, number> = {};
    const done: number[] = [];
    const failed: number[] = [];
    let responses = 0;
    let responsesWithErrors = 0;
    const t0 = performance.now();
    const onResponse = (status: number, text: string) => {
      const t = performance.now() - t0;
      statuses[status] = (statuses[status] ?? 0) + 1;
      responses++;
      done.push(t);
      if (status !== 200 || text.includes('"errors"')) {
        responsesWithErrors++;
        failed.push(t);
      }
    };
    const calls = sampleGlueCalls(emulator);
    const clean: LoadResult[] = [];
    const faulty: LoadResult[] = [];
    const marks: Timeline['marks'] = [];
    for (let round = 0; round < s.fRounds * 2; round++) {
      const withFaults = round % 2 === 1;
      const from = (performance.now() - t0) / 1000;
      if (withFaults) await emulator.call('faults', { rate: s.faultRate });
      const result = await load(
        { target: gateway, connections: FAULT_SOAK_CONNECTIONS, seconds: s.fRoundSeconds, body, onResponse, timeoutSeconds: 30 },
        emulator,
      );
      await emulator.call('clearFaults');
      (withFaults ? faulty : clean).push(result);
      if (withFaults) marks.push({ from, to: (performance.now() - t0) / 1000, label: `${s.faultRate * 100}% faults` });
    }
    const glueCalls = await calls.stop();
    const seconds = (performance.now() - t0) / 1000;
    return {
      clean: pool(clean),
      faulty: pool(faulty),
      statuses,
      responses,
      responsesWithErrors,
      timeline: { rps: perSecond(done, seconds), errors: perSecond(failed, seconds), glueCalls, marks },
    };
  } finally {
    await emulator.call('clearFaults');
    await gateway.stop();
  }
}

function timelineOf(samples: Sample[], glueCalls: number[], marks: Timeline['marks']): Timeline {
  const seconds = glueCalls.length;
  const done = samples.map((x) => x.t + x.ms);
  return { rps: perSecond(done, seconds), errors: perSecond(samples.filter((x) => x.codes.length).map((x) => x.t + x.ms), seconds), glueCalls, marks };
}

export async function scenarioG(emulator: ChildServer, s: ResilienceSettings): Promise<GResult> {
  const gateway = await gatewayFor(emulator, s);
  try {
    // Few enough runs that every one is seen while Glue is up.
    const runs = await emulator.call<Key[]>('seedRunning', { n: Math.max(20, Math.floor(s.gRps * s.gUpSeconds * 0.5)) });
    const total = s.gUpSeconds + s.gDownSeconds + s.gBackSeconds;
    const t0 = performance.now();
    const calls = sampleGlueCalls(emulator);
    const loadDone = openLoop({ url: gateway.url, rps: s.gRps, seconds: total, body: (i) => runBody(runs[i % runs.length]!) }, t0);
    await new Promise((r) => setTimeout(r, s.gUpSeconds * 1000));
    const downFrom = (performance.now() - t0) / 1000;
    await emulator.call('outage');
    await new Promise((r) => setTimeout(r, s.gDownSeconds * 1000));
    await emulator.call('clearFaults');
    const downTo = (performance.now() - t0) / 1000;
    const samples = await loadDone;
    const glueCalls = await calls.stop();
    return { samples, timeline: timelineOf(samples, glueCalls, [{ from: downFrom, to: downTo, label: 'Glue down' }]), downFrom, downTo };
  } finally {
    await emulator.call('clearFaults');
    await gateway.stop();
  }
}

export async function scenarioH(emulator: ChildServer, s: ResilienceSettings): Promise<HResult> {
  const gateway = await gatewayFor(emulator, s);
  const demand = s.hQuotaRps * s.hDemandFactor;
  try {
    // Distinct runs, never seen before: no cache and no stale answer can hide the quota.
    const runs = await emulator.call<Key[]>('seedRunning', { n: Math.ceil(demand * s.hSeconds) + 10 });
    await emulator.call('quota', { rps: s.hQuotaRps, burst: s.hQuotaRps });
    const callsBefore = await emulator.call<number>('totalCalls');
    const throttledBefore = await emulator.call<number>('quotaThrottled');
    const t0 = performance.now();
    const calls = sampleGlueCalls(emulator);
    const throttledCalls = sampleCounter(emulator, 'quotaThrottled');
    const samples = await openLoop({ url: gateway.url, rps: demand, seconds: s.hSeconds, body: (i) => runBody(runs[i]!) }, t0);
    const glueCallsPerSecond = await calls.stop();
    const throttledPerSecond = await throttledCalls.stop();
    const seconds = (performance.now() - t0) / 1000;
    const glueCalls = (await emulator.call<number>('totalCalls')) - callsBefore;
    const throttled = (await emulator.call<number>('quotaThrottled')) - throttledBefore;
    return {
      samples,
      timeline: { ...timelineOf(samples, glueCallsPerSecond, [{ from: 0, to: s.hSeconds, label: `quota ${s.hQuotaRps}/s, demand ${demand}/s` }]), throttled: throttledPerSecond },
      glueCalls,
      throttled,
      seconds,
    };
  } finally {
    await emulator.call('quota', {});
    await gateway.stop();
  }
}
