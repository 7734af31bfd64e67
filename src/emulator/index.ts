// Public entry point: startEmulator() runs a local Glue ML endpoint that @aws-sdk/client-glue and the
// AWS CLI can talk to (endpoint override), with demo data, a test store, faults and counters.
import { listen } from '../listen.js';
import { createClock, type Clock } from './clock.js';
import { ACCOUNT_ID, seedDemo } from './demo-data.js';
import { FaultInjector, type FaultRule } from './faults.js';
import type { LifecycleTiming } from './operations/index.js';
import { DEFAULT_MAX_TRANSFORMS } from './operations/transform-admin.js';
import { createRandom } from './prng.js';
import { ApiQuota, type QuotaSettings } from './quota.js';
import { createGlueServer } from './server.js';
import { StatsRecorder, type EmulatorStats } from './stats.js';
import { EmulatorStore } from './store/store.js';

export { DEMO } from './demo-data.js';
export type { DemoRunName } from './demo-data.js';
export type { FaultEffect, FaultRule } from './faults.js';
export type { QuotaSettings } from './quota.js';
export type { EmulatorStats } from './stats.js';
export type { Clock } from './clock.js';
export { EmulatorStore } from './store/store.js';
export type { RawTaskRun, RawTransform, StoreCounts, TaskRunProperties, TaskRunState } from './store/types.js';

/** Glue-like durations (tens of seconds) for runs started through the API, before clockSpeed applies. */
export const DEFAULT_LIFECYCLE: LifecycleTiming = { startingMs: 10_000, runningMs: 60_000, stoppingMs: 5_000 };
export const DEFAULT_MAX_CONCURRENT_RUNS_PER_TRANSFORM = 10;
export const DEFAULT_RANDOM_SEED = 20170331;

export interface EmulatorOptions {
  host?: string; // default '127.0.0.1'
  port?: number; // default 0 (a free port)
  seedDemoData?: boolean; // default true
  latencyMs?: number; // default 0
  jitterMs?: number; // default 0
  clockSpeed?: number; // lifecycle speed multiplier, default 1 (real Glue-like durations: tens of seconds)
  randomSeed?: number;
  maxConcurrentRunsPerTransform?: number;
  /** ML transforms the account may hold (demo data included), default 100; CreateMLTransform past it is refused. */
  maxTransforms?: number;
  /** Lifecycle durations in ms, before clockSpeed divides them; defaults to DEFAULT_LIFECYCLE. */
  lifecycle?: Partial<LifecycleTiming>;
  /** An API rate limit like Glue's per-account one: past it, calls get ThrottlingException "Rate exceeded". */
  quota?: QuotaSettings;
}

export interface RunningEmulator {
  endpoint: string; // 'http://127.0.0.1:<port>'
  port: number;
  stats: EmulatorStats;
  faults: {
    add(rule: FaultRule): void;
    clear(): void;
    setLatency(ms: number, jitterMs?: number): void;
    /** Sets the API quota (a token bucket), or lifts it with undefined. */
    setQuota(quota: QuotaSettings | undefined): void;
    /** Calls the quota answered with ThrottlingException since start or resetQuotaCount(). */
    readonly quotaThrottled: number;
    resetQuotaCount(): void;
  };
  store: EmulatorStore;
  /** The emulator's time source; advance() moves run lifecycles forward without waiting. */
  clock: Clock;
  close(): Promise<void>; // closes all sockets including hung ones
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a non-negative number`);
  return value;
}

function timingFrom(options: EmulatorOptions): LifecycleTiming {
  const speed = positive('clockSpeed', options.clockSpeed ?? 1);
  const base = { ...DEFAULT_LIFECYCLE, ...options.lifecycle };
  return {
    startingMs: nonNegative('lifecycle.startingMs', base.startingMs) / speed,
    runningMs: nonNegative('lifecycle.runningMs', base.runningMs) / speed,
    stoppingMs: nonNegative('lifecycle.stoppingMs', base.stoppingMs) / speed,
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new RangeError('port must be an integer 0..65535');
  const maxConcurrent = options.maxConcurrentRunsPerTransform ?? DEFAULT_MAX_CONCURRENT_RUNS_PER_TRANSFORM;
  if (!(Number.isInteger(maxConcurrent) && maxConcurrent >= 1)) {
    throw new RangeError('maxConcurrentRunsPerTransform must be a positive integer');
  }
  const maxTransforms = options.maxTransforms ?? DEFAULT_MAX_TRANSFORMS;
  if (!(Number.isInteger(maxTransforms) && maxTransforms >= 0)) throw new RangeError('maxTransforms must be a non-negative integer');
  const seed = options.randomSeed ?? DEFAULT_RANDOM_SEED;
  if (!Number.isFinite(seed)) throw new RangeError('randomSeed must be a finite number');

  const clock = createClock();
  const store = new EmulatorStore(clock, String(seed));
  if (options.seedDemoData ?? true) seedDemo(store, clock.now());
  const faults = new FaultInjector(
    createRandom(seed),
    nonNegative('latencyMs', options.latencyMs ?? 0),
    nonNegative('jitterMs', options.jitterMs ?? 0),
  );
  const stats = new StatsRecorder();
  const quota = new ApiQuota();
  quota.set(options.quota);
  const context = {
    store,
    clock,
    accountId: ACCOUNT_ID,
    timing: timingFrom(options),
    maxConcurrentRunsPerTransform: maxConcurrent,
    maxTransforms,
  };
  const glue = createGlueServer({ context, faults, stats, quota });

  const address = await listen(glue.server, port, host);

  return {
    endpoint: address.origin,
    port: address.port,
    stats: stats.view(),
    faults: {
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      setLatency: (ms, jitterMs) => faults.setLatency(ms, jitterMs),
      setQuota: (settings) => quota.set(settings),
      get quotaThrottled() {
        return quota.throttled;
      },
      resetQuotaCount: () => {
        quota.throttled = 0;
      },
    },
    store,
    clock,
    close: () => glue.close(),
  };
}
