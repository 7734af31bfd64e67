/**
 * Turns the measurements into the targets' PASS/FAIL verdicts and writes them, with the machine and
 * settings, to bench/results/latest.json (everything) and latest.md (the tables a reader wants).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { FAULT_SOAK_CLIENT_TIMEOUT_SECONDS, FAULT_SOAK_CONNECTIONS, type FaultSoakResult } from './fault-soak.js';
import { REFERENCE_NOTE, referenceTable, referenceTargets } from './reference-report.js';
import {
  REFERENCE_CONNECTIONS,
  SATURATION_CONNECTIONS,
  SOAK_CONNECTIONS,
  WIDE_ITERATIONS,
  WIDE_WARMUPS,
  type BenchSettings,
  type Memory,
  type Pair,
  type SoakResult,
  type WideResult,
} from './workloads.js';

/** What one run measured: every workload is optional (`--only`). */
export interface Measurements {
  /** The gateway's memory after start-up and a forced GC, before any load. */
  idle: Memory;
  t?: Pair;
  a?: Pair;
  b?: Pair;
  /** (b) at SATURATION_CONNECTIONS: no target, shows where the gateway becomes CPU-bound. */
  bSaturated?: Pair;
  c?: Pair;
  d?: { gateway: WideResult; baseline: WideResult };
  e?: SoakResult;
  f?: FaultSoakResult;
}

export type ReportSettings = BenchSettings & { only: string; gateway: string };

export interface Target {
  id: string;
  target: string;
  measured: string;
  pass: boolean;
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const ratio = (x: number, y: number) => (y === 0 ? Infinity : x / y);

const FLAT_MEMORY_RULE = 'flat memory: heap used after GC, end ≤ start + max(5 MiB, 10%); peak RSS of the 2nd half ≤ 1st half + max(16 MiB, 5%)';

/**
 * Leaks show as live heap that survives GC, and as RSS that keeps rising. V8 grows its young
 * generation to the allocation rate early in a run (heap total), which raises RSS once and then
 * plateaus: so RSS is judged by its second half against its first, not against the start.
 */
function flatMemory(run: Pick<SoakResult, 'start' | 'end' | 'samples'>, seconds: number): { measured: string; pass: boolean } {
  const heapLimit = run.start.heapUsed + Math.max(5 * MiB, 0.1 * run.start.heapUsed);
  const half = seconds / 2;
  const rssFirstHalf = Math.max(...run.samples.filter((x) => x.t < half).map((x) => x.rss));
  const rssSecondHalf = Math.max(...run.samples.filter((x) => x.t >= half).map((x) => x.rss));
  const rssLimit = rssFirstHalf + Math.max(16 * MiB, 0.05 * rssFirstHalf);
  return {
    measured: `heap ${mib(run.start.heapUsed)} → ${mib(run.end.heapUsed)}; peak RSS ${mib(rssFirstHalf)} → ${mib(rssSecondHalf)}`,
    pass: run.end.heapUsed <= heapLimit && rssSecondHalf <= rssLimit,
  };
}

export function evaluate(m: Measurements, s: BenchSettings): Target[] {
  const targets: Target[] = [...referenceTargets(m)];
  if (m.a) {
    const ra = ratio(m.a.gateway.rps, m.a.baseline.rps);
    targets.push({ id: 'a', target: 'rps ≥ 1.0 × baseline', measured: `${ra.toFixed(2)} ×`, pass: ra >= 1 });
  }
  if (m.b) {
    const rb = ratio(m.b.gateway.rps, m.b.baseline.rps);
    targets.push({
      id: 'b',
      target: 'rps ≥ 5 × baseline, 0 upstream calls after warm-up',
      measured: `${rb.toFixed(2)} ×, ${m.b.gateway.upstreamCalls} calls`,
      pass: rb >= 5 && m.b.gateway.upstreamCalls === 0,
    });
  }
  if (m.c) {
    targets.push({
      id: 'c',
      target: 'upstream calls ≤ 1/10 of requests',
      measured: `${m.c.gateway.upstreamCalls} calls / ${m.c.gateway.requests} requests = ${m.c.gateway.callsPerRequest.toFixed(4)}`,
      pass: m.c.gateway.callsPerRequest <= 0.1,
    });
  }
  if (m.d) {
    const dLimit = 1.25 * Math.ceil(100 / s.maxConcurrency) * s.latencyMs;
    targets.push({
      id: 'd',
      target: `median wall ≤ 1.25 × ceil(100/${s.maxConcurrency}) × ${s.latencyMs} ms = ${dLimit} ms, exactly 100 calls`,
      measured: `${m.d.gateway.medianMs.toFixed(0)} ms, calls ${[...new Set(m.d.gateway.callsPerOperation)].join('/')}`,
      pass: m.d.gateway.medianMs <= dLimit && m.d.gateway.callsPerOperation.every((c) => c === 100),
    });
  }
  if (m.e) targets.push({ id: 'e', target: FLAT_MEMORY_RULE, ...flatMemory(m.e, s.soakSeconds) });
  if (m.f) {
    const f5xx = Object.entries(m.f.statuses).reduce((n, [status, count]) => n + (Number(status) >= 500 ? count : 0), 0);
    targets.push(
      {
        id: 'soak-faults',
        target: `under ${(m.f.faultRate * 100).toFixed(0)}% upstream faults, ${FAULT_SOAK_CONNECTIONS} clients: 0 responses with status ≥ 500, every request answered within ${FAULT_SOAK_CLIENT_TIMEOUT_SECONDS} s, no crash`,
        measured: `${f5xx} × 5xx, ${m.f.load.socketErrors} socket errors, ${m.f.load.requests} responses, crashed: ${m.f.crashed ? 'yes' : 'no'}`,
        pass: f5xx === 0 && m.f.load.socketErrors === 0 && !m.f.crashed && m.f.load.requests > 0,
      },
      { id: 'soak-faults-memory', target: FLAT_MEMORY_RULE, ...flatMemory(m.f, s.faultSoakSeconds) },
    );
  }
  const pairs = [m.t, m.a, m.b, m.bSaturated, m.c].filter((p): p is Pair => p !== undefined);
  const all = pairs.flatMap((p) => Object.values(p)).concat(m.e ? [m.e.load] : []);
  const failed = all.reduce((n, r) => n + r.failed, 0) + (m.d ? m.d.gateway.failed + m.d.baseline.failed : 0);
  targets.push({ id: 'ok', target: 'no failed responses (non-200, GraphQL errors, socket errors)', measured: String(failed), pass: failed === 0 });
  return targets;
}

function machine() {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
  };
}

function markdown(m: Measurements, s: ReportSettings, targets: Target[], info: ReturnType<typeof machine>, date: string): string {
  const table = (title: string, p: Pair | undefined, note?: string) => (p ? [`### ${title}`, '', referenceTable(p), '', ...(note ? [note, ''] : [])] : []);
  return [
    '# Benchmark: glue-ml-graphql vs a naive gateway and two reference servers',
    '',
    `Run ${date} with \`npm run bench${s.only === 't,a,b,c,d,e,f' ? '' : ` -- --only ${s.only}`}\`. Machine: ${info.cores} cores (${info.cpu}), ${info.memoryGiB} GiB, Node ${info.node}, ${info.platform}; 1-minute load average at start ${info.loadAverage1m} (the machine is shared).`,
    '',
    `Settings: emulator latency ${s.latencyMs} ms (no jitter); for (t) and (a)–(c) each server is warmed up for ${s.warmupSeconds} s, then measured in ${s.rounds} rounds of ${s.seconds} s alternating with the others (req/s over all rounds, latency percentiles the rounds' median); ${s.connections} connections (${REFERENCE_CONNECTIONS} for t, 100 for c), GLUE_MAX_CONCURRENCY=${s.maxConcurrency}, soak ${s.soakSeconds} s. Emulator, gateway, baseline, reference servers and autocannon each run in their own process; the gateway runs with its defaults (in-memory cache) from ${s.gateway === './server-process.ts' ? 'the TypeScript sources (BENCH_GATEWAY=source)' : 'the production build (dist/, plain node)'}.`,
    '',
    `Gateway memory at idle (after start-up and a forced GC): RSS ${mib(m.idle.rss)}, heap used ${mib(m.idle.heapUsed)}.`,
    '',
    '## Targets',
    '',
    '| | target | measured | verdict |',
    '| --- | --- | --- | --- |',
    ...targets.map((t) => `| ${t.id} | ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'FAIL'} |`),
    '',
    '## Workloads',
    '',
    REFERENCE_NOTE,
    '',
    ...table(`(t) \`{ __typename }\` on every server, ${REFERENCE_CONNECTIONS} connections`, m.t),
    ...table('(a) one running run per request, distinct runs', m.a),
    ...table(
      '(b) one finished run, repeated',
      m.b,
      m.bSaturated
        ? `Informational, no target — the same at ${SATURATION_CONNECTIONS} connections (one round each), where the gateway is CPU-bound (see its CPU ms/request):\n\n${referenceTable(m.bSaturated)}`
        : undefined,
    ),
    ...table('(c) 100 concurrent clients polling the same running run', m.c),
    ...(m.d ? wideSection(m.d, s) : []),
    ...(m.e ? soakSection(m.e, s) : []),
    ...(m.f ? faultSoakSection(m.f, s) : []),
  ].join('\n');
}

function wideSection(d: NonNullable<Measurements['d']>, s: BenchSettings): string[] {
  const wide = (name: string, w: WideResult) =>
    `| ${name} | ${w.medianMs.toFixed(0)} | ${Math.min(...w.wallMs).toFixed(0)} | ${Math.max(...w.wallMs).toFixed(0)} | ${[...new Set(w.callsPerOperation)].join('/')} | ${w.meanCallMs?.toFixed(1) ?? 'n/a'} | ${w.failed} |`;
  const waves = Math.ceil(100 / s.maxConcurrency);
  const seen = d.gateway.meanCallMs;
  return [
    `### (d) one operation for 100 distinct runs (${WIDE_ITERATIONS} operations after ${WIDE_WARMUPS} warm-up ones, one at a time)`,
    '',
    '| server | median ms | min ms | max ms | upstream calls per operation | mean Glue call ms | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    wide('gateway', d.gateway),
    wide('baseline (no concurrency cap)', d.baseline),
    '',
    seen
      ? `Each Glue call took ${seen.toFixed(1)} ms on average as the gateway measured it (the emulator's ${s.latencyMs} ms plus SDK, network and emulator time on this machine), so ${waves} waves of ${s.maxConcurrency} need at least ${(waves * seen).toFixed(0)} ms; the median is ${(d.gateway.medianMs / (waves * seen)).toFixed(2)} × that.`
      : '',
    '',
  ];
}

function soakSection(e: SoakResult, s: BenchSettings): string[] {
  return [
    `### (e) ${s.soakSeconds}-second mixed run on the gateway (50% cached finished runs, 30% one hot running run, 20% distinct running runs; ${SOAK_CONNECTIONS} connections)`,
    '',
    ...memoryTable(e),
    `Load: ${e.load.rps.toFixed(0)} req/s, p50 ${e.load.p50} ms, p99 ${e.load.p99} ms, ${e.load.requests} requests, ${e.load.callsPerRequest.toFixed(3)} upstream calls/request, ${e.load.cpuMsPerRequest.toFixed(2)} ms gateway CPU/request, ${e.load.failed} failed.`,
    '',
  ];
}

function memoryTable(run: { start: Memory; peak: Memory; end: Memory }): string[] {
  return [
    '| | RSS | heap used | heap total |',
    '| --- | ---: | ---: | ---: |',
    `| start (after GC) | ${mib(run.start.rss)} | ${mib(run.start.heapUsed)} | ${mib(run.start.heapTotal)} |`,
    `| peak (sampled each second) | ${mib(run.peak.rss)} | ${mib(run.peak.heapUsed)} | ${mib(run.peak.heapTotal)} |`,
    `| end (after GC) | ${mib(run.end.rss)} | ${mib(run.end.heapUsed)} | ${mib(run.end.heapTotal)} |`,
    '',
  ];
}

function faultSoakSection(f: FaultSoakResult, s: BenchSettings): string[] {
  const counts = (o: Record<string, number>) => Object.entries(o).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
  return [
    `### Fault soak: ${s.faultSoakSeconds}-second soak: ${(f.faultRate * 100).toFixed(0)}% of Glue calls fail (throttling, 5xx, timeouts, dropped connections), ${FAULT_SOAK_CONNECTIONS} clients`,
    '',
    'A second gateway process with its production settings (the upstream policy: standard retries, 3 attempts, retry budget, breaker, stale-if-error); a mix of single runs (finished and running), lists of five runs and a transform page. The resilience scenarios (f)–(h) are reported in resilience.md.',
    '',
    ...memoryTable(f),
    `Load: ${f.load.rps.toFixed(0)} req/s, p50 ${f.load.p50} ms, p99 ${f.load.p99} ms, ${f.load.requests} responses, ${f.load.socketErrors} socket errors. HTTP statuses: ${counts(f.statuses)}. Responses carrying coded errors (partial data): ${f.responsesWithErrors}; by code: ${counts(f.errorCodes)}.`,
    '',
  ];
}

export function writeReport(m: Measurements, s: ReportSettings, dir: URL): Target[] {
  const targets = evaluate(m, s);
  const info = machine();
  const date = new Date().toISOString();
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('latest.json', dir), `${JSON.stringify({ date, machine: info, settings: s, targets, measurements: m }, null, 2)}\n`);
  writeFileSync(new URL('latest.md', dir), markdown(m, s, targets, info, date));
  return targets;
}
