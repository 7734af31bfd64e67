/**
 * The pollers behind `Subscription.mlTaskRunUpdated`. Glue has no push API for task runs, so the
 * gateway polls GetMLTaskRun, but once per run however many clients follow it: the first subscriber
 * starts a run's poller, later ones share it (and get its latest state at once), and the poller stops
 * when the last one leaves or the run reaches a finished status. Transient upstream errors keep the
 * poller going with exponential backoff; an error that retrying cannot fix (NOT_FOUND, access denied)
 * goes to every subscriber once and ends their streams.
 */
import { EventEmitter, on } from 'node:events';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { upstreamFailure } from '../data/upstream-failure.js';
import type { GlueApi } from '../glue/operations.js';
import { isFinished, taskRunCacheKey, type TaskRunKey, type TaskRunRecord } from '../glue/records.js';

/** What a subscriber receives: a state of the run, or the error that ended the stream. */
export type WatchEvent = { run: TaskRunRecord } | { error: GraphQLError };

export interface TaskRunWatcherOptions {
  glue: Pick<GlueApi, 'getMLTaskRun'>;
  /** SUBSCRIPTION_POLL_INTERVAL_MS: time between two polls of one run. */
  pollIntervalMs: number;
  logger: Logger;
  debugErrors: boolean;
}

export interface TaskRunWatcherStats {
  /** Runs being polled now (one poller each). */
  pollers: number;
  /** Streams open now, over all runs. */
  subscribers: number;
  /** GetMLTaskRun calls made by pollers since start. */
  polls: number;
}

export interface TaskRunWatcher {
  /** The run's current state first, then each change; ends after a finished status or a permanent error. */
  watch(key: TaskRunKey): AsyncIterableIterator<WatchEvent>;
  stats(): TaskRunWatcherStats;
  /** Stops every poller and ends every stream (shutdown). */
  close(): void;
}

/** Backoff after failed polls doubles up to this (or the poll interval, if longer). */
const MAX_BACKOFF_MS = 60_000;

/** A subscriber only hears about a poll that changed what it would see. */
function changed(previous: TaskRunRecord | undefined, next: TaskRunRecord): boolean {
  return previous?.Status !== next.Status || previous?.LastModifiedOn?.getTime() !== next.LastModifiedOn?.getTime();
}

class RunPoller {
  /** 'event' carries a WatchEvent to every subscriber; 'end' ends their streams. */
  readonly events = new EventEmitter().setMaxListeners(0);
  latest: TaskRunRecord | undefined;
  subscribers = 0;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly key: TaskRunKey,
    private readonly options: TaskRunWatcherOptions,
    private readonly onPoll: () => void,
    private readonly onStop: () => void,
  ) {}

  start(): void {
    void this.poll();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.onStop();
    this.events.emit('end');
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.poll(), delayMs);
    // Open subscriptions must not keep a stopping process alive; the HTTP server does that while it serves.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    this.onPoll();
    let run: TaskRunRecord;
    try {
      run = await this.options.glue.getMLTaskRun(this.key);
    } catch (error) {
      if (this.stopped) return;
      const graphQLError = upstreamFailure(
        error,
        { operation: 'GetMLTaskRun (subscription poll)', ids: this.key },
        { logger: this.options.logger, debug: this.options.debugErrors },
      );
      if (graphQLError.extensions.retryable === true) {
        this.failures++;
        const interval = this.options.pollIntervalMs;
        this.schedule(Math.min(interval * 2 ** this.failures, Math.max(interval, MAX_BACKOFF_MS)));
        return;
      }
      this.events.emit('event', { error: graphQLError } satisfies WatchEvent);
      this.stop();
      return;
    }
    if (this.stopped) return;
    this.failures = 0;
    if (changed(this.latest, run)) {
      this.latest = run;
      this.events.emit('event', { run } satisfies WatchEvent);
    }
    if (isFinished(run)) this.stop();
    else this.schedule(this.options.pollIntervalMs);
  }
}

export function createTaskRunWatcher(options: TaskRunWatcherOptions): TaskRunWatcher {
  const pollers = new Map<string, RunPoller>();
  let polls = 0;

  function pollerFor(key: TaskRunKey): RunPoller {
    const id = taskRunCacheKey(key);
    const existing = pollers.get(id);
    if (existing) return existing;
    const poller = new RunPoller(
      key,
      options,
      () => polls++,
      () => pollers.delete(id),
    );
    pollers.set(id, poller);
    poller.start();
    return poller;
  }

  return {
    watch(key) {
      const poller = pollerFor(key);
      poller.subscribers++;
      // Listen before reading `latest`: a state published from here on is queued, none is missed.
      const stream = on(poller.events, 'event', { close: ['end'] });
      const pending: WatchEvent[] = poller.latest ? [{ run: poller.latest }] : [];
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        poller.subscribers--;
        if (poller.subscribers === 0) poller.stop();
      };
      const done = async (): Promise<IteratorResult<WatchEvent>> => {
        release();
        await stream.return?.();
        return { value: undefined, done: true };
      };
      const iterator: AsyncIterableIterator<WatchEvent> = {
        async next() {
          const queued = pending.shift();
          if (queued) return { value: queued, done: false };
          const result = await stream.next();
          if (result.done) return done();
          return { value: (result.value as [WatchEvent])[0], done: false };
        },
        return: done,
        async throw(error: unknown) {
          await done();
          throw error;
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },

    stats() {
      let subscribers = 0;
      for (const poller of pollers.values()) subscribers += poller.subscribers;
      return { pollers: pollers.size, subscribers, polls };
    },

    close() {
      for (const poller of [...pollers.values()]) poller.stop();
    },
  };
}
