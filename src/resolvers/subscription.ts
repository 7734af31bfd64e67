/**
 * `mlTaskRunUpdated`: each subscription is a stream from the shared per-run poller. A permanent error
 * arrives as an event and is thrown from `resolve`, so the client gets it as a coded GraphQL error
 * (formatted like any other) just before the stream completes.
 */
import type { SubscriptionResolvers } from '../generated/graphql.js';
import { assertGlueId } from '../data/validation.js';
import type { WatchEvent } from '../subscriptions/task-run-watcher.js';

export const Subscription: SubscriptionResolvers = {
  mlTaskRunUpdated: {
    subscribe: (_root, { transformId, taskRunId }, { taskRunWatcher }) => {
      assertGlueId('transformId', transformId);
      assertGlueId('taskRunId', taskRunId);
      return taskRunWatcher.watch({ transformId, taskRunId });
    },
    resolve: (event: WatchEvent) => {
      if ('error' in event) throw event.error;
      return event.run;
    },
  },
};
