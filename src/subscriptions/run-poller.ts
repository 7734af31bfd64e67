/**
 * Polls GetMLTaskRun for one run, once per interval, until stopped or the run is finished. Transient
 * upstream errors keep it going with exponential backoff; an error that retrying cannot fix
 * (NOT_FOUND, access denied) is handed on once and stops it. Who hears the results is the caller's.
 */
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { upstreamFailure } from '../data/upstream-failure.js';
import type { GlueApi } from '../glue/operations.js';
import { isFinished, type TaskRunKey, type TaskRunRecord } from '../glue/records.js';

export interface RunPollerOptions {
  glue: Pick<GlueApi, 'getMLTaskRun'>;
  /** SUBSCRIPTION_POLL_INTERVAL_MS: time between two polls of one run. */
  pollIntervalMs: number;
  logger: Logger;
  debugErrors: boolean;
}

export interface RunPollerHandlers {
  /** Before each call to Glue (counted in stats). */
  onPoll(): void;
  onRun(run: TaskRunRecord, at: number): void;
  onFatal(error: GraphQLError): void;
}

/** Backoff after failed polls doubles up to this (or the poll interval, if longer). */
const MAX_BACKOFF_MS = 60_000;

export class RunPoller {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private running = false;

  constructor(
    private readonly key: TaskRunKey,
    private readonly options: RunPollerOptions,
    private readonly handlers: RunPollerHandlers,
  ) {}

  get active(): boolean {
    return this.running;
  }

  /** Starts polling after `delayMs` (at once when 0); does nothing if already polling. */
  start(delayMs = 0): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    if (delayMs <= 0) void this.poll();
    else this.schedule(delayMs);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
    // Open subscriptions must not keep a stopping process alive; the HTTP server does that while it serves.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (!this.running) return;
    this.handlers.onPoll();
    let run: TaskRunRecord;
    try {
      run = await this.options.glue.getMLTaskRun(this.key);
    } catch (error) {
      if (!this.running) return;
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
      this.stop();
      this.handlers.onFatal(graphQLError);
      return;
    }
    if (!this.running) return;
    this.failures = 0;
    if (isFinished(run)) this.stop();
    else this.schedule(this.options.pollIntervalMs);
    this.handlers.onRun(run, Date.now());
  }
}
