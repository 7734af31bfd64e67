/**
 * `npm run bench`: starts the emulator (fixed latency), the gateway (the production build, dist/),
 * the naive baseline and the two reference servers (bare Apollo, bare node:http), each in its own
 * process, drives the workloads with autocannon from this process, and writes
 * bench/results/latest.{md,json}. Exits non-zero if a target fails. Settings come from BENCH_* and
 * GLUE_MAX_CONCURRENCY (see docs/performance.md); `--only t,b` runs only the named workloads ((i), the
 * fleet budget, runs last or alone).
 */
import { faultSoak } from './fault-soak.js';
import { fleetBudget } from './fleet-budget.js';
import { spawnChild, type ChildServer } from './ipc.js';
import { writeReport, type Measurements } from './report.js';
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

export const WORKLOADS = ['t', 'a', 'b', 'c', 'd', 'e', 'f', 'i'] as const;
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

const only = selected(process.argv.slice(2));
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

const emulator = await spawnChild('./emulator-process.ts', [], { BENCH_LATENCY_MS: String(settings.latencyMs) });
const fleetSeconds = positive('BENCH_FLEET_SECONDS', 15);

/** (i), the fleet budget, runs its own replicas: last, or alone. Prints its targets; true if all passed. */
async function runFleetBudget(): Promise<boolean> {
  log(`(i) ${fleetSeconds}-second fleet budget: 3 replicas, GLUE_MAX_RPS=50, 3x demand`);
  const i = await fleetBudget(emulator, fleetSeconds, log);
  log(`(i) Glue calls per second: ${i.perSecond.join(' ')}`);
  for (const t of i.targets) log(`${t.pass ? 'PASS' : 'FAIL'} (${t.id}) ${t.target}: ${t.measured}`);
  return i.targets.every((t) => t.pass);
}

// `npm run bench -- --only i`: just the fleet budget, without the single-gateway servers.
if (only.size === 1 && only.has('i')) {
  try {
    process.exitCode = (await runFleetBudget()) ? 0 : 1;
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
  if (only.has('f')) {
    // (f) needs the production retry settings, so it gets a gateway of its own (started only now,
    // so it does not compete with the measurements above).
    log(`(f) ${settings.faultSoakSeconds}-second resilience soak at ${settings.faultRate * 100}% upstream faults`);
    const resilient = await spawnChild(gatewayEntry, ['gateway'], { NODE_ENV: 'production', GLUE_ENDPOINT: emulator.url });
    m.f = await faultSoak(emulator, resilient, settings.faultSoakSeconds, settings.faultRate).finally(() => resilient.stop());
  }
  const ids = [...only].filter((id) => id !== 'i').join(',');
  const targets = writeReport(m, { ...settings, only: ids, gateway: gatewayEntry }, new URL('./results/', import.meta.url));
  for (const t of targets) log(`${t.pass ? 'PASS' : 'FAIL'} (${t.id}) ${t.target}: ${t.measured}`);
  log('wrote bench/results/latest.md and latest.json');
  const fleetPassed = only.has('i') ? await runFleetBudget() : true;
  process.exitCode = targets.every((t) => t.pass) && fleetPassed ? 0 : 1;
} finally {
  await Promise.all([gateway.stop(), baseline.stop(), apollo.stop(), http.stop()]);
  await emulator.stop();
}
