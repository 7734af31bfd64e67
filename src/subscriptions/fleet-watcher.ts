/**
 * The pollers behind `Subscription.mlTaskRunUpdated` when replicas share a Redis (REDIS_URL): one
 * poller per followed run for the whole fleet. Every replica with subscribers to a run listens on
 * the run's pub/sub channel and tries, every quarter interval, to take the run's lease; the holder
 * polls Glue and publishes each result (and stores it as the run's "latest", for late joiners and
 * for the next holder to keep the pace). A holder that dies stops renewing; within one interval
 * another replica with subscribers takes over. A replica that cannot reach Redis polls for its own
 * subscribers, as a single process does, until Redis is back. When a replica's last subscriber to
 * a run leaves, it gives the lease up.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { TaskRunKey } from '../glue/records.js';
import type { RedisConnection } from '../redis/connection.js';
import { decodeMessage, encodeMessage, type FleetMessage } from './fleet-messages.js';
import { RunFeed } from './run-feed.js';
import { RunLease } from './run-lease.js';
import { RunPoller } from './run-poller.js';
import { FeedRegistry, type TaskRunWatcher, type TaskRunWatcherOptions } from './task-run-watcher.js';

export interface FleetWatcherOptions extends TaskRunWatcherOptions {
  /** Commands (leases, latest results, publishing). */
  redis: RedisConnection;
  /** A connection of its own: a subscribed connection cannot send other commands. */
  subscriber: RedisConnection;
  /** Prefix of every key and channel, e.g. per Glue endpoint. */
  namespace: string;
  /** Names this replica in leases (default: host/pid/random). */
  replicaId?: string;
}

type Role = 'leader' | 'follower' | 'local';

interface FleetRun {
  feed: RunFeed;
  poller: RunPoller;
  lease: RunLease;
  role: Role;
  channel: string;
  latestKey: string;
  listener?: (message: string) => void;
  timer?: NodeJS.Timeout;
  ticking: boolean;
}

export function defaultReplicaId(): string {
  return `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

export function createFleetTaskRunWatcher(options: FleetWatcherOptions): TaskRunWatcher & { replicaId: string } {
  const { redis, subscriber, pollIntervalMs: interval } = options;
  const me = options.replicaId ?? defaultReplicaId();
  // The lease outlives a few missed renewals (every quarter interval), and expires within one interval.
  const leaseMs = interval;
  const tickMs = Math.max(5, Math.floor(interval / 4));
  const latestTtlMs = Math.max(interval * 4, 1_000);
  const registry = new FeedRegistry<FleetRun>(interval);
  const log = options.logger.child({ component: 'fleet-poller', replica: me });
  const redisUp = () => redis.isReady && subscriber.isReady;
  const ignore = () => {};

  /** The leader tells the fleet; a publish that fails is made good by the next poll. */
  function tell(run: FleetRun, message: FleetMessage): void {
    if (run.role !== 'leader' || !redis.isReady) return;
    const text = encodeMessage(message);
    redis.publish(run.channel, text).catch(ignore);
    if ('run' in message) redis.set(run.latestKey, text, { expiration: { type: 'PX', value: latestTtlMs } }).catch(ignore);
  }

  function hear(run: FleetRun, text: string): void {
    const message = decodeMessage(text);
    if (!message || message.from === me) return;
    if ('run' in message) run.feed.offer(message.run, message.at);
    else run.feed.fail(message.error);
  }

  /** Polls again one interval after the newest known poll, fleet-wide, so handing over costs no extra call. */
  function pollFromLatest(run: FleetRun, fleetLatestAt = 0): void {
    run.poller.stop();
    run.poller.start(Math.max(fleetLatestAt, run.feed.latestAt) + interval - Date.now());
  }

  function goLocal(run: FleetRun, reason: string): void {
    if (run.role !== 'local') log.warn({ reason }, 'Redis unavailable; polling for this replica\'s subscribers only');
    run.role = 'local';
    if (!run.poller.active) pollFromLatest(run);
  }

  /** Reads the fleet's latest result into the feed; resolves with when it was polled (0 if unknown). */
  async function readLatest(run: FleetRun): Promise<number> {
    const text = await redis.get(run.latestKey);
    const message = text ? decodeMessage(text) : undefined;
    if (!message || !('run' in message)) return 0;
    run.feed.offer(message.run, message.at);
    return message.at;
  }

  async function tick(run: FleetRun): Promise<void> {
    if (run.ticking || run.feed.ended) return;
    run.ticking = true;
    try {
      if (!redisUp()) return goLocal(run, 'not connected');
      if (!run.listener) {
        const listener = (text: string) => hear(run, text);
        await subscriber.subscribe(run.channel, listener);
        run.listener = listener;
        // Subscribed first, then read: a result published in between arrives twice at worst (and is dropped).
        await readLatest(run);
      }
      if (run.role === 'leader') {
        if (await run.lease.renew()) return;
        log.info('Lease lost to another replica');
        run.role = 'follower';
        run.poller.stop();
        return;
      }
      if (await run.lease.acquire()) {
        run.role = 'leader';
        pollFromLatest(run, await readLatest(run));
      } else if (run.role === 'local') {
        run.role = 'follower';
        run.poller.stop();
      }
    } catch (error) {
      goLocal(run, (error as Error).message);
    } finally {
      run.ticking = false;
    }
  }

  function stopRun(run: FleetRun): void {
    clearInterval(run.timer);
    run.poller.stop();
    if (run.listener) subscriber.unsubscribe(run.channel, run.listener).catch(ignore);
    if (run.role === 'leader' && redis.isReady) run.lease.release().catch(ignore);
  }

  function start(key: TaskRunKey, id: string): RunFeed {
    const base = `${options.namespace}:${id}`;
    const run: FleetRun = {
      feed: new RunFeed(() => {
        stopRun(run);
        registry.ended(id, run.feed);
      }),
      poller: new RunPoller(key, options, {
        onPoll: () => registry.polls++,
        onRun: (state, at) => {
          tell(run, { from: me, at, run: state });
          run.feed.offer(state, at);
        },
        onFatal: (error) => {
          tell(run, { from: me, error });
          run.feed.fail(error);
        },
      }),
      lease: new RunLease(redis, `${base}:lease`, me, leaseMs),
      role: 'follower',
      channel: `${base}:events`,
      latestKey: `${base}:latest`,
      ticking: false,
    };
    registry.runs.set(id, run);
    const recent = registry.recent.recall(id);
    if (recent) run.feed.offer(recent.run, recent.at);
    run.timer = setInterval(() => void tick(run), tickMs);
    run.timer.unref();
    void tick(run);
    return run.feed;
  }

  return { ...registry.watcher(start), replicaId: me };
}
