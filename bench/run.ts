/**
 * `npm run bench`: starts the emulator (fixed latency), the gateway and the naive baseline, each in
 * its own process, drives the workloads (a)–(e) and the fault soak with autocannon from this process,
 * and writes bench/results/latest.{md,json}; then the resilience scenarios (f)–(h), written to
 * bench/results/resilience.{md,json} with an SVG timeline each. Exits non-zero if a target fails.
 * Settings come from BENCH_* and GLUE_MAX_CONCURRENCY (see docs/performance.md, docs/resilience.md).
 *
 *   npm run bench -- --only f,g,h      only the resilience scenarios named
 *   npm run bench -- --only g --short  short durations, for development (verdicts not meaningful)
 *   npm run bench -- --only i          only the fleet budget (i)
 */
import { parseArgs } from 'node:util';
import { faultSoak } from './fault-soak.js';
import { fleetBudget } from './fleet-budget.js';
import { spawnChild } from './ipc.js';
import { writeReport, type Target } from './report.js';
import { writeResilienceReport, type ResilienceMeasurements } from './resilience-report.js';
import { scenarioF, scenarioG, scenarioH, type ResilienceSettings } from './resilience.js';
import {
  distinctRunning,
  pollingClients,
  repeatedFinished,
  SATURATION_CONNECTIONS,
  soak,
  wideOperation,
  type BenchSettings,
} from './workloads.js';

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number (got ${raw})`);
  return value;
}

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

const { values: flags } = parseArgs({ options: { only: { type: 'string' }, short: { type: 'boolean' } } });
const ALL = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
const only = new Set(flags.only ? flags.only.split(',').map((x) => x.trim()) : ALL);
for (const id of only) if (!ALL.includes(id)) throw new Error(`--only takes ids among ${ALL.join(',')} (got ${id})`);
const classic = ['a', 'b', 'c', 'd', 'e'].some((id) => only.has(id));
const short = flags.short ?? false;
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

async function runResilience(): Promise<Target[]> {
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

/** (i) alone or as the last workload: prints its targets and says whether all passed. */
async function runFleetBudget(): Promise<boolean> {
  log(`(i) ${fleetSeconds}-second fleet budget: 3 replicas, GLUE_MAX_RPS=50, 3x demand`);
  const i = await fleetBudget(emulator, fleetSeconds, log);
  log(`(i) Glue calls per second: ${i.perSecond.join(' ')}`);
  for (const t of i.targets) log(`${t.pass ? 'PASS' : 'FAIL'} (${t.id}) ${t.target}: ${t.measured}`);
  return i.targets.every((t) => t.pass);
}

// `--only` without (a)–(e): just the resilience scenarios named, and/or (i) the fleet budget.
if (!classic) {
  try {
    const resilienceIds = ['f', 'g', 'h'].some((id) => only.has(id));
    const targets = resilienceIds ? await runResilience() : [];
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
const [gateway, baseline] = await Promise.all([
  spawnChild('./server-process.ts', ['gateway'], serverEnv),
  spawnChild('./server-process.ts', ['baseline'], serverEnv),
]);
const servers = { emulator, gateway, baseline };

try {
  log('(a) distinct running runs');
  const a = await distinctRunning(servers, settings);
  log('(b) one finished run, repeated');
  const b = await repeatedFinished(servers, settings);
  log(`(b) again at ${SATURATION_CONNECTIONS} connections (informational)`);
  const bSaturated = await repeatedFinished(servers, { ...settings, rounds: 1 }, SATURATION_CONNECTIONS);
  log('(c) 100 clients polling one running run');
  const c = await pollingClients(servers, settings);
  log('(d) one operation for 100 runs');
  const d = { gateway: await wideOperation(gateway, emulator), baseline: await wideOperation(baseline, emulator) };
  log(`(e) ${settings.soakSeconds}-second soak`);
  const e = await soak(servers, settings);
  // (f) needs the production retry settings, so it gets a gateway of its own (started only now,
  // so it does not compete with the measurements above).
  log(`fault soak: ${settings.faultSoakSeconds}-second soak at ${settings.faultRate * 100}% upstream faults`);
  const resilient = await spawnChild('./server-process.ts', ['gateway'], { NODE_ENV: 'production', GLUE_ENDPOINT: emulator.url });
  const f = await faultSoak(emulator, resilient, settings.faultSoakSeconds, settings.faultRate).finally(() => resilient.stop());
  const targets = [...writeReport({ a, b, bSaturated, c, d, e, f }, settings, new URL('./results/', import.meta.url)), ...(await runResilience())];
  for (const t of targets) log(`${t.pass ? 'PASS' : 'FAIL'} (${t.id}) ${t.target}: ${t.measured}`);
  log('wrote bench/results/latest.md and latest.json');
  const fleetPassed = await runFleetBudget();
  process.exitCode = targets.every((t) => t.pass) && fleetPassed ? 0 : 1;
} finally {
  await Promise.all([gateway.stop(), baseline.stop()]);
  await emulator.stop();
}
