/**
 * (i) The fleet's Glue budget: 3 gateway replicas sharing a redis-server, GLUE_MAX_RPS=50 for all of
 * them, each asked for 50 requests/s of runs no cache holds (3x the budget in all). Glue's calls are
 * counted every second at the emulator. Targets: mean <= 50/s, max <= 60/s, >= 80% of the budget used.
 */
import autocannon from 'autocannon';
import { startRedis } from '../test/helpers/redis.js';
import { spawnChild, type ChildServer } from './ipc.js';
import { cycle } from './load.js';

export const FLEET_MAX_RPS = 50;
const REPLICAS = 3;

export interface FleetBudgetResult {
  perSecond: number[];
  mean: number;
  max: number;
  askedRps: number;
  targets: Array<{ id: string; target: string; measured: string; pass: boolean }>;
}

type Key = { transformId: string; taskRunId: string };

export async function fleetBudget(emulator: ChildServer, seconds: number, log: (m: string) => void): Promise<FleetBudgetResult> {
  const redis = await startRedis();
  const env = {
    NODE_ENV: 'production',
    GLUE_ENDPOINT: emulator.url,
    REDIS_URL: redis.url,
    GLUE_MAX_RPS: String(FLEET_MAX_RPS),
    GLUE_FLEET_SIZE_HINT: String(REPLICAS),
    GLUE_MAX_ATTEMPTS: '1',
    GLUE_RETRY_MODE: 'standard',
  };
  const replicas = await Promise.all(Array.from({ length: REPLICAS }, () => spawnChild('./server-process.ts', ['gateway'], env)));
  try {
    const pool = await emulator.call<Key[]>('seedRunning', { n: 20_000 });
    const firstSecond = Math.floor(Date.now() / 1000);
    const loads = await Promise.all(
      replicas.map((replica) => {
        const body = cycle(pool);
        return autocannon({
          url: replica.url,
          // One request a second per connection (autocannon's rate is per connection; a 0 share would
          // mean unlimited): a call may wait up to GLUE_RATE_MAX_WAIT_MS for the budget, and the
          // demand must stay 3x the budget while it does.
          connections: FLEET_MAX_RPS,
          overallRate: FLEET_MAX_RPS, // per replica: 3x the fleet's budget in all
          duration: seconds,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
        });
      }),
    );
    const perSecond = await emulator.call<number[]>('callsPerSecond', { from: firstSecond, to: Math.floor(Date.now() / 1000) + 1 });
    perSecond.forEach((calls, i) => log(`(i) second ${i + 1}: ${calls} Glue calls`));
    // The first seconds ramp up and the last is cut short: judge the whole seconds in between.
    const judged = perSecond.slice(2, -1);
    const mean = judged.reduce((a, b) => a + b, 0) / Math.max(1, judged.length);
    const max = Math.max(...judged);
    const askedRps = loads.reduce((n, l) => n + l.requests.total, 0) / seconds;
    return {
      perSecond,
      mean,
      max,
      askedRps,
      targets: [
        { id: 'i', target: `fleet Glue calls/s mean <= ${FLEET_MAX_RPS}`, measured: `${mean.toFixed(1)}/s (asked ${askedRps.toFixed(0)}/s)`, pass: mean <= FLEET_MAX_RPS },
        { id: 'i', target: `fleet Glue calls/s max <= ${FLEET_MAX_RPS * 1.2}`, measured: `${max}/s`, pass: max <= FLEET_MAX_RPS * 1.2 },
        { id: 'i', target: `>= 80% of the budget used`, measured: `${((mean / FLEET_MAX_RPS) * 100).toFixed(0)}%`, pass: mean >= FLEET_MAX_RPS * 0.8 },
      ],
    };
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    await redis.stop();
  }
}
