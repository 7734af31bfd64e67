/**
 * The pollers behind `Subscription.mlTaskRunUpdated`, in one process. Glue has no push API for task
 * runs, so the gateway polls GetMLTaskRun, but once per run however many clients follow it: the first
 * subscriber starts a run's poller, later ones share it (and get its latest state at once), and the
 * poller stops when the last one leaves or the run reaches a finished status. A subscriber arriving
 * within one interval of the last poll starts from that result, without a Glue call. With REDIS_URL,
 * fleet-watcher.ts does the same across replicas.
 */
import { isFinished, taskRunCacheKey, type TaskRunKey } from '../glue/records.js';
import { RecentResults } from './recent-results.js';
import { RunFeed, type WatchEvent } from './run-feed.js';
import { RunPoller, type RunPollerOptions } from './run-poller.js';

export type { WatchEvent } from './run-feed.js';
export type TaskRunWatcherOptions = RunPollerOptions;

export interface TaskRunWatcherStats {
  /** Runs being polled now by this process (one poller each). */
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
  close(): void | Promise<void>;
}

/** The feeds of one process, each with whatever drives it; shared by the local and fleet watchers. */
export class FeedRegistry<T extends { feed: RunFeed; poller: RunPoller }> {
  readonly runs = new Map<string, T>();
  readonly recent: RecentResults;
  polls = 0;

  constructor(pollIntervalMs: number) {
    this.recent = new RecentResults(pollIntervalMs);
  }

  /** Called from a feed's end: keeps a still-changing run's last state for the next subscriber. */
  ended(id: string, feed: RunFeed): void {
    this.runs.delete(id);
    if (feed.latest && !isFinished(feed.latest)) this.recent.remember(id, feed.latest, feed.latestAt);
  }

  stats(): TaskRunWatcherStats {
    let subscribers = 0;
    let pollers = 0;
    for (const { feed, poller } of this.runs.values()) {
      subscribers += feed.subscribers;
      if (poller.active) pollers++;
    }
    return { pollers, subscribers, polls: this.polls };
  }

  close(): void {
    for (const { feed } of [...this.runs.values()]) feed.end();
    this.recent.clear();
  }

  /** The watcher over these feeds; `start` makes a run's feed, and what drives it, on its first subscriber. */
  watcher(start: (key: TaskRunKey, id: string) => RunFeed): TaskRunWatcher {
    return {
      watch: (key) => {
        const id = taskRunCacheKey(key);
        return (this.runs.get(id)?.feed ?? start(key, id)).watch();
      },
      stats: () => this.stats(),
      close: () => this.close(),
    };
  }
}

export function createTaskRunWatcher(options: TaskRunWatcherOptions): TaskRunWatcher {
  const registry = new FeedRegistry<{ feed: RunFeed; poller: RunPoller }>(options.pollIntervalMs);

  function start(key: TaskRunKey, id: string): RunFeed {
    const feed = new RunFeed(() => {
      poller.stop();
      registry.ended(id, feed);
    });
    const poller = new RunPoller(key, options, {
      onPoll: () => registry.polls++,
      onRun: (run, at) => feed.offer(run, at),
      onFatal: (error) => feed.fail(error),
    });
    registry.runs.set(id, { feed, poller });
    const recent = registry.recent.recall(id);
    if (recent) feed.offer(recent.run, recent.at);
    poller.start(recent ? recent.at + options.pollIntervalMs - Date.now() : 0);
    return feed;
  }

  return registry.watcher(start);
}
