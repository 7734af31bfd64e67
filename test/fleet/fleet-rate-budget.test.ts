// GLUE_MAX_RPS across three gateway processes sharing a real redis-server: Glue (the emulator) sees the
// fleet's total at or under the budget while every replica wants more, throttling seen by one process
// lowers every process's rate, and with Redis gone each replica keeps serving within its local share.
// Glue's calls are counted per second at the emulator; its quota mode (Glue's per-account rate limit)
// checks that a fleet configured at the quota is hardly ever throttled.
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '@keyv/redis';
import { createFleetRateBudget } from '../../src/glue/fleet-rate-budget.js';
import { DEMO } from '../../src/emulator/index.js';
import { requireCommand } from '../helpers/requires.js';

const describeWithRedis = requireCommand('redis-server', 'redis-server').describe;
import { startRedis } from '../helpers/redis.js';
import { sleep } from '../helpers/ws.js';
import { startFleet, type Fleet } from './fleet.js';

const MAX_RPS = 30;
const RUN = `query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { status } }`;

interface Outcome {
  ok: number;
  throttled: number;
  other: string[];
}

let nextRun = 0;

/** Every replica asked as fast as `workers` loops can, for `ms`, for runs that are never cached: more than
 * the budget serves even with each call waiting up to GLUE_RATE_MAX_WAIT_MS (1 s) for room. */
async function demand(fleet: Fleet, runs: string[], ms: number, workers = 20): Promise<Outcome[]> {
  const until = Date.now() + ms;
  return Promise.all(
    fleet.gateways.map(async (gateway) => {
      const outcome: Outcome = { ok: 0, throttled: 0, other: [] };
      await Promise.all(
        Array.from({ length: workers }, async () => {
          while (Date.now() < until) {
            // Each request a run no other request asks for: nothing to coalesce or cache.
            const r = runs[nextRun++ % runs.length]!;
            const res = await gateway.query(RUN, { t: DEMO.transforms.customers, r }).catch((e: Error) => ({ errors: [{ message: e.message }] }) as never);
            const code = res.errors?.[0]?.extensions?.code as string | undefined;
            if (!res.errors) outcome.ok++;
            else if (code === 'UPSTREAM_THROTTLED') outcome.throttled++;
            else outcome.other.push(code ?? res.errors[0]!.message);
          }
        }),
      );
      return outcome;
    }),
  );
}

/** Glue calls in each whole second of [from, to). */
function perSecond(times: number[], from: number, to: number): number[] {
  const seconds = Math.floor((to - from) / 1000);
  return Array.from({ length: seconds }, (_, s) => times.filter((t) => t >= from + s * 1000 && t < from + (s + 1) * 1000).length);
}

describeWithRedis('GLUE_MAX_RPS with REDIS_URL: one Glue budget for the fleet', () => {
  let fleet: Fleet;
  let runs: string[];

  beforeAll(async () => {
    fleet = await startFleet({ GLUE_MAX_RPS: String(MAX_RPS), GLUE_FLEET_SIZE_HINT: '3' });
    runs = Array.from({ length: 5_000 }, () =>
      fleet.emulator.store.putTaskRun({ TransformId: DEMO.transforms.customers, Status: 'RUNNING', StartedOn: new Date(), LastModifiedOn: new Date() }),
    );
  }, 180_000);
  afterAll(() => fleet?.close());

  it('demand from all replicas keeps Glue at or under the budget, and the budget is used', async () => {
    const from = Date.now() + 1_000; // the first second warms up
    const outcomes = await demand(fleet, runs, 7_000);
    const counts = perSecond(fleet.callTimes('GetMLTaskRun'), from, from + 6_000);
    const asked = outcomes.reduce((n, o) => n + o.ok + o.throttled, 0) / 7;
    console.log(`Glue calls per second: ${counts.join(' ')}; asked ${asked.toFixed(0)}/s`);
    expect(outcomes.flatMap((o) => o.other)).toEqual([]);
    // The test means something only if the fleet asked for well over the budget.
    expect(asked).toBeGreaterThan(MAX_RPS * 2);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    // The budget counts in slots of the wall clock; a call taken at the end of one second can reach
    // Glue in the next, so a second may see a few over, never a second budget's worth.
    expect(mean).toBeLessThanOrEqual(MAX_RPS * 1.05);
    expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_RPS * 1.2);
    expect(mean).toBeGreaterThanOrEqual(MAX_RPS * 0.7);
    // Every replica got its turn.
    for (const outcome of outcomes) expect(outcome.ok).toBeGreaterThan(0);
  });

  it("with the emulator's quota at GLUE_MAX_RPS, all replicas together are throttled by Glue on under 5% of calls", async () => {
    fleet.emulator.faults.setQuota({ rps: MAX_RPS });
    fleet.emulator.faults.resetQuotaCount();
    const before = fleet.callTimes('GetMLTaskRun').length;
    try {
      const outcomes = await demand(fleet, runs, 5_000);
      const glueCalls = fleet.callTimes('GetMLTaskRun').length - before;
      const throttledByGlue = fleet.emulator.faults.quotaThrottled;
      console.log(`Glue calls ${glueCalls}, throttled by the quota ${throttledByGlue}`);
      expect(outcomes.flatMap((o) => o.other)).toEqual([]);
      expect(glueCalls).toBeGreaterThan(MAX_RPS * 3);
      expect(throttledByGlue / glueCalls).toBeLessThan(0.05);
    } finally {
      fleet.emulator.faults.setQuota(undefined);
    }
  });

  it('with Redis down, every replica keeps serving within its local share (GLUE_MAX_RPS / GLUE_FLEET_SIZE_HINT)', async () => {
    await fleet.redis.kill();
    try {
      const from = Date.now() + 1_000;
      const outcomes = await demand(fleet, runs, 5_000);
      const counts = perSecond(fleet.callTimes('GetMLTaskRun'), from, from + 4_000);
      console.log(`Glue calls per second without Redis: ${counts.join(' ')}`);
      expect(outcomes.flatMap((o) => o.other)).toEqual([]);
      for (const outcome of outcomes) expect(outcome.ok).toBeGreaterThan(0);
      expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_RPS * 1.2);
      for (const gateway of fleet.gateways) expect(gateway.child.exitCode).toBeNull();
    } finally {
      await fleet.redis.restart();
    }
  });
});

describeWithRedis('the fleet rate budget: throttling feedback is shared', () => {
  it("sustained throttling seen by one process lowers every process's rate; random throttles do not; successes bring it back", async () => {
    const redis = await startRedis();
    const clients = [createClient({ url: redis.url }), createClient({ url: redis.url })];
    await Promise.all(clients.map((c) => c.connect()));
    const options = { maxRps: 100, fleetSizeHint: 2, logger: pino({ level: 'silent' }), namespace: 'test', adjustEveryMs: 50 };
    const [a, b] = clients.map((c) => createFleetRateBudget({ ...options, redis: c as never }));
    const answer = (budget: typeof a, throttles: number, successes: number) => {
      for (let i = 0; i < throttles; i++) budget!.recordThrottle();
      for (let i = 0; i < successes; i++) budget!.recordSuccess();
    };
    try {
      expect(a!.currentRate()).toBe(100);
      // 2 throttles among 100 answers, on each replica: noise, for several fleet steps.
      for (let i = 0; i < 3; i++) {
        answer(a, 2, 98);
        answer(b, 2, 98);
        await sleep(1_100);
      }
      expect(a!.currentRate()).toBe(100);
      // Sustained throttling on one replica only: 6 of 20 answers.
      answer(a, 6, 14);
      for (let i = 0; i < 30 && a!.currentRate()! >= 100; i++) await sleep(100);
      expect(a!.currentRate()).toBeLessThan(100);
      await sleep(200);
      expect(b!.currentRate()).toBe(a!.currentRate());
      // Both replicas seeing the throttling within one fleet step lower the rate once, not twice.
      const lowered = a!.currentRate()!;
      answer(a, 6, 14);
      answer(b, 6, 14);
      await sleep(1_300);
      expect(a!.currentRate()).toBeCloseTo(lowered * 0.7, 5);
      expect(b!.currentRate()).toBe(a!.currentRate());
      const loweredTwice = b!.currentRate()!;
      for (let i = 0; i < 40 && b!.currentRate()! <= loweredTwice; i++) {
        answer(b, 0, 10);
        await sleep(100);
      }
      expect(b!.currentRate()).toBeGreaterThan(loweredTwice);
      await sleep(200);
      expect(a!.currentRate()).toBe(b!.currentRate());
    } finally {
      await Promise.all([a!.close(), b!.close()]);
      clients.forEach((c) => c.destroy());
      await redis.stop();
    }
  }, 30_000);
});
