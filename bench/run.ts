/**
 * `npm run bench`: starts the emulator (fixed latency), the gateway (the production build, dist/),
 * the naive baseline and the two reference servers (bare Apollo, bare node:http), each in its own
 * process, drives the workloads with autocannon from this process, and writes
 * bench/results/latest.{md,json}. Exits non-zero if a target fails. Settings come from BENCH_* and
 * GLUE_MAX_CONCURRENCY (see docs/performance.md, docs/resilience.md). Then the resilience scenarios
 * (f)–(h), written to bench/results/resilience.{md,json} with an SVG timeline each, and (i), the fleet
 * budget, with replicas of its own.
 *
 *   npm run bench -- --only t,b        only the workloads named (t a b c d e s f g h i; s = fault soak)
 *   npm run bench -- --only g --short  short durations, for development (verdicts not meaningful)
 */
import { faultSoak } from './fault-soak.js';
import { fleetBudget } from './fleet-budget.js';
import { spawnChild, type ChildServer } from './ipc.js';
import { writeReport, type Measurements, type Target } from './report.js';
import { writeResilienceReport, type ResilienceMeasurements } from './resilience-report.js';
import { scenarioF, scenarioG, scenarioH, type ResilienceSettings } from './resilience.js';
import {
  distinctRunning,
  pollingClients,
  repeatedFinished,
  SATURATION_CONNECTIONS,
  soak,
  typename,
  wideOperation,
  type BenchSettings,
  type Memory,
} from './workloads.js';

export const WORKLOADS = ['t', 'a', 'b', 'c', 'd', 'e', 's', 'f', 'g', 'h', 'i'] as const;
/** The workloads that need the single-gateway servers (the rest bring their own). */
const SINGLE_GATEWAY: readonly WorkloadId[] = ['t', 'a', 'b', 'c', 'd', 'e', 's'];
type WorkloadId = (typeof WORKLOADS)[number];

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number (got ${raw})`);
  return value;
}

/** `--only a,b` (or `--only=a,b`): the workloads to run; all of them without it. */
function selected(argv: string[]): Set<WorkloadId> {
  const i = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return new Set(WORKLOADS);
  const list = argv[i]!.includes('=') ? argv[i]!.slice('--only='.length) : (argv[i + 1] ?? '');
  const ids = list.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(WORKLOADS as readonly string[]).includes(id));
  if (ids.length === 0 || unknown.length) throw new Error(`--only takes a comma list of ${WORKLOADS.join(',')} (got "${list}")`);
  return new Set(ids as WorkloadId[]);
}

const only = selected(process.argv.slice(2).filter((a) => a !== '--short'));
const short = process.argv.includes('--short');
const settings: BenchSettings = {
  latencyMs: positive('BENCH_LATENCY_MS', 25),
  seconds: positive('BENCH_DURATION_SECONDS', 5),
  rounds: positive('BENCH_ROUNDS', 3),
  warmupSeconds: positive('BENCH_WARMUP_SECONDS', 2),
  soakSeconds: positive('BENCH_SOAK_SECONDS', 60),
  faultSoakSeconds: positive('BENCH_FAULT_SOAK_SECONDS', 60),
  faultRate: positive('BENCH_FAULT_RATE', 0.05),
  connections: positive('BENCH_CONNECTIONS', 4),
  maxConcurrency: positive('GLUE_MAX_CONCURRENCY', 10),
};
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
// The production build (npm run bench compiles it first); BENCH_GATEWAY=source runs src/ through tsx.
const gatewayEntry = process.env.BENCH_GATEWAY === 'source' ? './server-process.ts' : './production-gateway.js';

const resilience: ResilienceSettings = {
  faultRate: settings.faultRate,
  fRoundSeconds: short ? 3 : positive('BENCH_F_ROUND_SECONDS', 10),
  fRounds: short ? 1 : positive('BENCH_F_ROUNDS', 3),
  gUpSeconds: short ? 4 : 10,
  gDownSeconds: short ? 8 : 20,
  gBackSeconds: short ? 12 : 15,
  gRps: short ? 15 : positive('BENCH_G_RPS', 50),
  hSeconds: short ? 8 : positive('BENCH_H_SECONDS', 20),
  hQuotaRps: short ? 10 : positive('BENCH_H_QUOTA_RPS', 50),
  hDemandFactor: 3,
  retryMode: process.env.BENCH_RETRY_MODE,
};

const emulator = await spawnChild('./emulator-process.ts', [], { BENCH_LATENCY_MS: String(settings.latencyMs) });

/**
 * (f)–(h), each with a gateway of its own, against an emulator of their own: the workloads before them
 * seed tens of thousands of runs into the transform whose page (f) lists, which would make Glue's
 * GetMLTaskRuns, and so (f), slower in the full run than alone. The targets, printed by the caller.
 */
async function runResilience(): Promise<Target[]> {
  const emulator = await spawnChild('./emulator-process.ts', [], { BENCH_LATENCY_MS: String(settings.latencyMs) });
  try {
    return await resilienceAgainst(emulator);
  } finally {
    await emulator.stop();
  }
}

async function resilienceAgainst(emulator: ChildServer): Promise<Target[]> {
  const m: ResilienceMeasurements = {};
  if (only.has('f')) {
    log(`(f) mixed workload, ${resilience.fRounds} rounds each of 0% and ${resilience.faultRate * 100}% faults, alternating`);
    m.f = await scenarioF(emulator, resilience);
  }
  if (only.has('g')) {
    log(`(g) Glue down for ${resilience.gDownSeconds} s, then back`);
    m.g = await scenarioG(emulator, resilience);
  }
  if (only.has('h')) {
    log(`(h) quota ${resilience.hQuotaRps}/s under ${resilience.hDemandFactor}× demand`);
    m.h = await scenarioH(emulator, resilience);
  }
  const targets = writeResilienceReport(m, resilience, new URL('./results/', import.meta.url));
  log('wrote bench/results/resilience.md, resilience.json and resilience-*.svg');
  return targets;
}
const fleetSeconds = positive('BENCH_FLEET_SECONDS', 15);

/** (i), the fleet budget, runs its own replicas: last, or alone. Prints its targets; true if all passed. */
async function runFleetBudget(): Promise<boolean> {
  log(`(i) ${fleetSeconds}-second fleet budget: 3 replicas, GLUE_MAX_RPS=50, 3x demand`);
  const i = await fleetBudget(emulator, fleetSeconds, log);
  log(`(i) Glue calls per second: ${i.perSecond.join(' ')}`);
  for (const t of i.targets) log(`${t.pass ? 'PASS' : 'FAIL'} (${t.id}) ${t.target}: ${t.measured}`);
  return i.targets.every((t) => t.pass);
}

const runsResilience = ['f', 'g', 'h'].some((id) => only.has(id as WorkloadId));

// Without (t)–(e) and the fault soak: just the resilience scenarios named, and/or (i) the fleet budget.
if (!SINGLE_GATEWAY.some((id) => only.has(id))) {
  try {
    const targets = runsResilience ? await runResilience() : [];
    for (const t of targets) log(`${t.pass ? 'PASS' : 'FAIL'} (${t.id}) ${t.target}: ${t.measured}`);
    const fleetPassed = only.has('i') ? await runFleetBudget() : true;
    process.exitCode = targets.every((t) => t.pass) && fleetPassed ? 0 : 1;
  } finally {
    await emulator.stop();
  }
  process.exit();
}
const serverEnv = {
  NODE_ENV: 'production',
  GLUE_ENDPOINT: emulator.url,
  GLUE_MAX_CONCURRENCY: String(settings.maxConcurrency),
  // One attempt: a retry would blur the call counts (the emulator injects no faults here anyway).
  GLUE_MAX_ATTEMPTS: '1',
  GLUE_RETRY_MODE: 'standard',
};
const [gateway, baseline, apollo, http] = await Promise.all([
  spawnChild(gatewayEntry, ['gateway'], serverEnv),
  spawnChild('./server-process.ts', ['baseline'], serverEnv),
  spawnChild('./server-process.ts', ['apollo'], {}),
  spawnChild('./server-process.ts', ['http'], {}),
]);
const servers = { emulator, gateway, baseline, apollo, http };
const memory = (server: ChildServer) => server.call<Memory>('memory', { collect: true });

try {
  const m: Measurements = { idle: await memory(gateway) };
  if (only.has('t')) {
    log('(t) { __typename } on every server');
    m.t = await typename(servers, settings);
  }
  if (only.has('a')) {
    log('(a) distinct running runs');
    m.a = await distinctRunning(servers, settings);
  }
  if (only.has('b')) {
    log('(b) one finished run, repeated');
    m.b = await repeatedFinished(servers, settings);
    log(`(b) again at ${SATURATION_CONNECTIONS} connections (informational)`);
    m.bSaturated = await repeatedFinished(servers, { ...settings, rounds: 1 }, SATURATION_CONNECTIONS);
  }
  if (only.has('c')) {
    log('(c) 100 clients polling one running run');
    m.c = await pollingClients(servers, settings);
  }
  if (only.has('d')) {
    log('(d) one operation for 100 runs');
    m.d = { gateway: await wideOperation(gateway, emulator), baseline: await wideOperation(baseline, emulator) };
  }
  if (only.has('e')) {
    log(`(e) ${settings.soakSeconds}-second soak`);
    m.e = await soak(servers, settings);
  }
  if (only.has('s')) {
    // The fault soak needs the production retry settings, so it gets a gateway of its own (started
    // only now, so it does not compete with the measurements above).
    log(`(s) ${settings.faultSoakSeconds}-second fault soak at ${settings.faultRate * 100}% upstream faults`);
    const resilient = await spawnChild(gatewayEntry, ['gateway'], { NODE_ENV: 'production', GLUE_ENDPOINT: emulator.url });
    m.f = await faultSoak(emulator, resilient, settings.faultSoakSeconds, settings.faultRate).finally(() => resilient.stop());
  }
  const ids = [...only].filter((id) => SINGLE_GATEWAY.includes(id)).join(',');
  const targets: Target[] = writeReport(m, { ...settings, only: ids, gateway: gatewayEntry }, new URL('./results/', import.meta.url));
  log('wrote bench/results/latest.md and latest.json');
  if (runsResilience) targets.push(...(await runResilience()));
  for (const t of targets) log(`${t.pass ? 'PASS' : 'FAIL'} (${t.id}) ${t.target}: ${t.measured}`);
  const fleetPassed = only.has('i') ? await runFleetBudget() : true;
  process.exitCode = targets.every((t) => t.pass) && fleetPassed ? 0 : 1;
} finally {
  await Promise.all([gateway.stop(), baseline.stop(), apollo.stop(), http.stop()]);
  await emulator.stop();
}
