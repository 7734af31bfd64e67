// Three gateway processes sharing a real redis-server follow runs on the emulator: one poller for the
// whole fleet, results fanned out to every replica's subscribers, a dead leader replaced within two
// intervals, and every replica serving from its own polls while Redis is down.
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { requireCommand } from '../helpers/requires.js';

const describeWithRedis = requireCommand('redis-server', 'redis-server').describe;
import { record, sleep, waitFor, wsClient, type Received } from '../helpers/ws.js';
import { controlledRun, countBetween, startFleet, type Fleet } from './fleet.js';

const POLL_MS = 400;
const SUB = `subscription ($t: ID!, $r: ID!) { mlTaskRunUpdated(transformId: $t, taskRunId: $r) { status lastModifiedOn } }`;
const statuses = (sub: Received) => sub.results.map((r) => r.data?.mlTaskRunUpdated?.status as string);

/** Every state a subscriber got is later than the one before: no duplicate, no step back. */
function expectStrictlyOrdered(sub: Received): void {
  const times = sub.results.map((r) => Date.parse(r.data!.mlTaskRunUpdated.lastModifiedOn));
  for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
  expect(sub.results.every((r) => r.errors === undefined)).toBe(true);
}

/** Ends the run; every subscriber in `subs` saw RUNNING, STOPPING, STOPPED, in order, then completed. */
async function finishAndExpectEveryState(run: { set(status: string): void }, subs: Received[]): Promise<void> {
  run.set('STOPPED');
  await Promise.all(subs.map((s) => s.ended));
  for (const sub of subs) {
    expect(sub.completed).toBe(true);
    expect(statuses(sub)).toEqual(['RUNNING', 'STOPPING', 'STOPPED']);
    expectStrictlyOrdered(sub);
  }
}

describeWithRedis('REDIS_URL: one poller per followed run for the fleet', () => {
  let fleet: Fleet;
  let clients: Client[] = [];
  const polls = () => fleet.callTimes('GetMLTaskRun');

  /** `n` subscribers spread over the replicas, one connection per replica. */
  function subscribe(run: { transformId: string; taskRunId: string }, n: number): Received[] {
    const connections = fleet.gateways.map((g) => wsClient(g.url));
    clients.push(...connections);
    return Array.from({ length: n }, (_, i) => record(connections[i % connections.length]!, SUB, { t: run.transformId, r: run.taskRunId }));
  }

  /** The lease keys in Redis once there are `n` of them (Redis may be reconnecting: up to ~10 s). */
  async function leasesOnce(n: number): Promise<Array<{ value: string | null }>> {
    let leases: Array<{ value: string | null }> = [];
    for (let i = 0; i < 100; i++) {
      leases = await fleet.redisGet('*:lease').catch(() => []);
      if (leases.length === n) break;
      await sleep(100);
    }
    expect(leases).toHaveLength(n);
    return leases;
  }
  /** Lease values are host/pid/random. */
  const leaderPid = async () => Number((await leasesOnce(1))[0]!.value!.split('/')[1]);

  beforeAll(async () => {
    fleet = await startFleet({ SUBSCRIPTION_POLL_INTERVAL_MS: String(POLL_MS), SUBSCRIPTIONS_MAX_PER_CONNECTION: '50' });
  }, 180_000);
  afterAll(() => fleet?.close());
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    clients = [];
  });

  it('30 subscribers over 3 replicas cost Glue one poll per interval, and all get every change in order', async () => {
    const run = controlledRun(fleet.emulator);
    const subs = subscribe(run, 30);
    await waitFor('every subscriber to get the current state', () => subs.every((s) => s.results.length === 1));
    const from = Date.now();
    // Each replica's /metrics says whether it polls the run (holds its lease) and how many streams it serves.
    const gauge = (text: string, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
    const leader = await leaderPid();
    const scraped = await Promise.all(fleet.gateways.map(async (g) => ({ pid: g.child.pid, text: await g.metrics() })));
    for (const { pid, text } of scraped) expect(gauge(text, 'gateway_subscription_pollers')).toBe(pid === leader ? 1 : 0);
    expect(scraped.reduce((n, { text }) => n + gauge(text, 'gateway_subscription_streams'), 0)).toBe(30);
    await sleep(POLL_MS * 10);
    // One leader polls for all; three pollers would make about 30 calls.
    expect(countBetween(polls(), from, from + POLL_MS * 10)).toBeGreaterThanOrEqual(9);
    expect(countBetween(polls(), from, from + POLL_MS * 10)).toBeLessThanOrEqual(11);

    run.set('STOPPING');
    await waitFor('STOPPING everywhere', () => subs.every((s) => s.results.length === 2));
    await finishAndExpectEveryState(run, subs);
    // Nobody follows the run any more: the lease is gone.
    await leasesOnce(0);
  });

  it('subscribe/complete churn on every replica costs no extra Glue calls', async () => {
    const run = controlledRun(fleet.emulator);
    const first = subscribe(run, 3);
    await waitFor('the current state', () => first.every((s) => s.results.length === 1));
    const from = Date.now();
    for (let i = 0; i < 20; i++) {
      const churn = subscribe(run, 3);
      await waitFor('the current state', () => churn.every((s) => s.results.length === 1));
      churn.forEach((s) => s.unsubscribe());
    }
    const elapsed = Date.now() - from;
    expect(countBetween(polls(), from, Date.now())).toBeLessThanOrEqual(Math.ceil(elapsed / POLL_MS) + 1);
    first.forEach((s) => s.unsubscribe());
    // Leaving and coming back within an interval starts from the last poll, not a new call.
    await sleep(50);
    const back = Date.now();
    const again = subscribe(run, 1);
    await waitFor('the current state', () => again[0]!.results.length === 1);
    expect(statuses(again[0]!)).toEqual(['RUNNING']);
    // No call for coming back; only a poll that was due anyway (an interval after the last one) may
    // fall in the window, when a loaded machine makes the window that long.
    const now = Date.now();
    const lastPoll = Math.max(...polls().filter((t) => t <= back));
    expect(countBetween(polls(), back, now)).toBeLessThanOrEqual(Math.floor((now - lastPoll) / POLL_MS));
  });

  it('killing the leader: another replica polls within two intervals, and its subscribers keep receiving', async () => {
    const run = controlledRun(fleet.emulator);
    const subs = subscribe(run, 30);
    await waitFor('every subscriber to get the current state', () => subs.every((s) => s.results.length === 1));
    const pid = await leaderPid();
    const index = fleet.gateways.findIndex((g) => g.child.pid === pid);
    expect(index).toBeGreaterThanOrEqual(0);
    const survivors = subs.filter((_, i) => i % fleet.gateways.length !== index);

    await sleep(POLL_MS * 2);
    const killedAt = Date.now();
    fleet.gateways[index]!.child.kill('SIGKILL');
    await waitFor('a poll by a new leader', () => polls().some((t) => t > killedAt + 20), POLL_MS * 10);
    const resumedAt = polls().find((t) => t > killedAt + 20)!;
    expect(resumedAt - killedAt).toBeLessThanOrEqual(POLL_MS * 2);
    // The lease names the new leader once it is taken (a poll the killed process had in flight can
    // reach Glue just after the kill; the new leader's lease follows within the same bound).
    const deadline = Date.now() + POLL_MS * 4;
    while ((await leaderPid()) === pid && Date.now() < deadline) await sleep(20);
    expect(await leaderPid()).not.toBe(pid);

    run.set('STOPPING');
    await waitFor('STOPPING on the surviving replicas', () => survivors.every((s) => s.results.length === 2));
    await finishAndExpectEveryState(run, survivors);
    await fleet.replaceGateway(index);
  });

  it('with Redis down, every replica serves its subscribers from its own polls; when Redis is back, one polls again', async () => {
    const run = controlledRun(fleet.emulator);
    const subs = subscribe(run, 30);
    await waitFor('every subscriber to get the current state', () => subs.every((s) => s.results.length === 1));
    await fleet.redis.kill();
    // Each replica notices within a quarter interval and polls for its own subscribers.
    await sleep(POLL_MS * 3);
    const from = Date.now();
    await sleep(POLL_MS * 5);
    const whileDown = countBetween(polls(), from, Date.now());
    expect(whileDown).toBeGreaterThanOrEqual(3 * 4);
    expect(whileDown).toBeLessThanOrEqual(3 * 6);

    run.set('STOPPING');
    await waitFor('STOPPING everywhere, without Redis', () => subs.every((s) => s.results.length === 2));

    const logsBefore = fleet.gateways.map((g) => g.logs.length);
    await fleet.redis.restart();
    // Reconnection backs off up to ~5 s per replica, each on its own: wait (bounded) until every replica
    // says both its fleet connections are back, then until the last three intervals saw one poller.
    await waitFor(
      'every replica back on Redis',
      () =>
        fleet.gateways.every((g, i) => {
          const since = g.logs.slice(logsBefore[i]).filter((l) => l.msg === 'Redis connected').map((l) => l.component);
          return since.includes('fleet-redis') && since.includes('fleet-pubsub');
        }),
      20_000,
    );
    await leasesOnce(1);
    await waitFor(
      'one poller for the fleet again',
      () => countBetween(polls(), Date.now() - POLL_MS * 3, Date.now()) <= 4,
      POLL_MS * 30,
    );
    const after = Date.now();
    await sleep(POLL_MS * 5);
    expect(countBetween(polls(), after, Date.now())).toBeLessThanOrEqual(6);

    await finishAndExpectEveryState(run, subs);
    for (const gateway of fleet.gateways) expect(gateway.child.exitCode).toBeNull();
  });
});
