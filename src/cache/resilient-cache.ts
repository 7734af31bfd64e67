/**
 * A cache is an optimisation, never a dependency: this KeyValueCache wrapper turns every failure or
 * slow answer of the cache underneath (Redis down, restarting, overloaded) into a miss or a skipped
 * write, so requests fall through to Glue instead of failing. Failures are counted in metrics and
 * logged at warn, at most once per interval, so an outage cannot flood the log.
 */
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../observability/metrics.js';

export interface ResilientCacheOptions {
  /** An operation that takes longer counts as failed (the caller goes on without the cache). */
  timeoutMs: number;
  logger: Logger;
  metrics?: GatewayMetrics;
  /** Minimum time between two warnings; failures in between are counted and reported with the next one. */
  warnIntervalMs?: number;
}

export class CacheTimeoutError extends Error {
  override name = 'CacheTimeoutError';
}

export class ResilientKeyValueCache implements KeyValueCache<string> {
  private lastWarnAt = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly inner: KeyValueCache<string>,
    private readonly options: ResilientCacheOptions,
  ) {}

  get(key: string): Promise<string | undefined> {
    return this.guard('get', () => this.inner.get(key), undefined);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.guard('set', () => this.inner.set(key, value, options), undefined);
  }

  delete(key: string): Promise<boolean | void> {
    return this.guard('delete', () => this.inner.delete(key), false);
  }

  private async guard<T>(operation: string, run: () => Promise<T>, fallback: T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CacheTimeoutError(`cache ${operation} took longer than ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      return await Promise.race([run(), timeout]);
    } catch (err) {
      this.options.metrics?.cacheErrors.inc({ operation });
      this.warn(operation, err);
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }

  private warn(operation: string, err: unknown): void {
    const now = performance.now();
    if (now - this.lastWarnAt < (this.options.warnIntervalMs ?? 10_000)) {
      this.suppressed++;
      return;
    }
    const e = err as { name?: string; message?: string };
    this.options.logger.warn(
      { operation, error: e.name, reason: e.message, suppressedSinceLastWarning: this.suppressed },
      'Shared cache unavailable; serving from Glue',
    );
    this.lastWarnAt = now;
    this.suppressed = 0;
  }
}
