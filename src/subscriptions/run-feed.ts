/**
 * One followed run on this replica: its subscribers, the latest state this replica has seen, and
 * the streams that carry states to subscribers. Whatever produces states (a poller here, a poller on
 * another replica over Redis, a remembered result) offers them; only newer ones go out, and each
 * subscriber filters again, so none sees a duplicate or a step back.
 */
import { EventEmitter, on } from 'node:events';
import type { GraphQLError } from 'graphql';
import { isFinished, type TaskRunRecord } from '../glue/records.js';
import { isNewer } from './run-order.js';

/** What a subscriber receives: a state of the run, or the error that ended the stream. */
export type WatchEvent = { run: TaskRunRecord } | { error: GraphQLError };

export class RunFeed {
  /** 'event' carries a WatchEvent to every subscriber; 'end' ends their streams. */
  private readonly events = new EventEmitter().setMaxListeners(0);
  latest: TaskRunRecord | undefined;
  /** When `latest` was read from Glue (ms since epoch). */
  latestAt = 0;
  subscribers = 0;
  ended = false;

  /** `onEnd` runs once, when the run finished, failed for good, or its last subscriber left. */
  constructor(private readonly onEnd: () => void) {}

  /** Passes a state on if it is newer than any seen; a finished state ends the feed. */
  offer(run: TaskRunRecord, at: number = Date.now()): boolean {
    if (this.ended || !isNewer(this.latest, run)) return false;
    this.latest = run;
    this.latestAt = at;
    this.events.emit('event', { run } satisfies WatchEvent);
    if (isFinished(run)) this.end();
    return true;
  }

  /** An error retrying cannot fix: every subscriber gets it once, then the streams end. */
  fail(error: GraphQLError): void {
    if (this.ended) return;
    this.events.emit('event', { error } satisfies WatchEvent);
    this.end();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    this.events.emit('end');
  }

  /** A new subscriber's stream: the latest state first (if any), then each newer one. */
  watch(): AsyncIterableIterator<WatchEvent> {
    this.subscribers++;
    // Listen before reading `latest`: a state published from here on is queued, none is missed.
    const stream = on(this.events, 'event', { close: ['end'] });
    const pending: WatchEvent[] = this.latest ? [{ run: this.latest }] : [];
    let seen: TaskRunRecord | undefined;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.subscribers--;
      if (this.subscribers === 0) this.end();
    };
    const done = async (): Promise<IteratorResult<WatchEvent>> => {
      release();
      await stream.return?.();
      return { value: undefined, done: true };
    };
    const nextEvent = async (): Promise<IteratorResult<WatchEvent>> => {
      const queued = pending.shift();
      if (queued) return { value: queued, done: false };
      const result = await stream.next();
      if (result.done) return done();
      return { value: (result.value as [WatchEvent])[0], done: false };
    };
    const iterator: AsyncIterableIterator<WatchEvent> = {
      async next() {
        for (;;) {
          const result = await nextEvent();
          if (result.done || !('run' in result.value)) return result;
          // Per subscriber too: the queued `latest` and a state emitted just after can be the same.
          if (!isNewer(seen, result.value.run)) continue;
          seen = result.value.run;
          return result;
        }
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
  }
}
