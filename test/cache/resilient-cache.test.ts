// A failing or hanging cache underneath becomes misses and skipped writes: counted, warned about
// (at most once per interval), never thrown.
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ResilientKeyValueCache } from '../../src/cache/resilient-cache.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';

function recordingLogger() {
  const warnings: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
  return { logger, warnings };
}

const errorCount = async (metrics: GatewayMetrics, operation: string) =>
  (await metrics.cacheErrors.get()).values.find((v) => v.labels.operation === operation)?.value ?? 0;

describe('ResilientKeyValueCache', () => {
  it('turns failures into misses and skipped writes, counts each, and warns once per interval', async () => {
    const failing: KeyValueCache<string> = {
      get: async () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
      set: async () => Promise.reject(new Error('ClientOfflineError')),
      delete: async () => Promise.reject(new Error('ClientOfflineError')),
    };
    const metrics = new GatewayMetrics();
    const { logger, warnings } = recordingLogger();
    const cache = new ResilientKeyValueCache(failing, { timeoutMs: 100, logger, metrics, warnIntervalMs: 60_000 });
    for (let i = 0; i < 3; i++) expect(await cache.get('k')).toBeUndefined();
    await expect(cache.set('k', 'v', { ttl: 1 })).resolves.toBeUndefined();
    expect(await cache.delete('k')).toBe(false);
    expect(await errorCount(metrics, 'get')).toBe(3);
    expect(await errorCount(metrics, 'set')).toBe(1);
    expect(await errorCount(metrics, 'delete')).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, operation: 'get', reason: 'ECONNREFUSED 127.0.0.1:6379' });
  });

  it('gives up on an operation that takes longer than timeoutMs', async () => {
    const hanging: KeyValueCache<string> = { get: () => new Promise(() => {}), set: () => new Promise(() => {}), delete: () => new Promise(() => {}) };
    const metrics = new GatewayMetrics();
    const cache = new ResilientKeyValueCache(hanging, { timeoutMs: 50, logger: recordingLogger().logger, metrics });
    const started = performance.now();
    expect(await cache.get('k')).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(await errorCount(metrics, 'get')).toBe(1);
  });

  it('passes values through when the cache underneath works', async () => {
    const store = new Map<string, string>();
    const working: KeyValueCache<string> = {
      get: async (k) => store.get(k),
      set: async (k, v) => void store.set(k, v),
      delete: async (k) => store.delete(k),
    };
    const cache = new ResilientKeyValueCache(working, { timeoutMs: 100, logger: recordingLogger().logger });
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    expect(await cache.delete('k')).toBe(true);
  });
});
