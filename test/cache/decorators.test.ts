// The two GlueApi decorators against a controllable fake upstream: exact call counts and ordering
// that an HTTP test could only approximate. The HTTP-level behaviour is in finished-run-cache.test.ts.
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { describe, expect, it } from 'vitest';
import { decodeTaskRun, withFinishedRunCache } from '../../src/cache/finished-run-cache.js';
import { withInFlightCoalescing } from '../../src/cache/inflight-coalescing.js';
import type { GlueApi } from '../../src/glue/operations.js';
import type { TaskRunKey, TaskRunRecord } from '../../src/glue/records.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';

/** An upstream whose calls stay pending until the test settles them. */
function controllableGlue() {
  const pending: Array<{ key: TaskRunKey; resolve: (r: TaskRunRecord) => void; reject: (e: unknown) => void }> = [];
  const api: Pick<GlueApi, 'getMLTaskRun'> = {
    getMLTaskRun: (key) => new Promise((resolve, reject) => pending.push({ key, resolve, reject })),
  };
  return { api, pending };
}

const KEY = { transformId: 'tfm-1', taskRunId: 'tskr-1' };
const run = (Status: string): TaskRunRecord => ({
  TransformId: KEY.transformId,
  TaskRunId: KEY.taskRunId,
  Status: Status as TaskRunRecord['Status'],
  StartedOn: new Date('2024-04-01T10:00:00.000Z'),
  CompletedOn: Status === 'RUNNING' ? undefined : new Date('2024-04-01T10:05:30.000Z'),
});
const metricValue = async (m: GatewayMetrics, name: string) =>
  (await m.registry.getSingleMetric(name)!.get()).values.reduce((sum, v) => sum + v.value, 0);

describe('in-flight coalescing', () => {
  it('shares one upstream call between concurrent lookups of the same run, and counts the joins', async () => {
    const { api, pending } = controllableGlue();
    const metrics = new GatewayMetrics();
    const glue = withInFlightCoalescing(api, metrics);
    const waiters = Array.from({ length: 5 }, () => glue.getMLTaskRun({ ...KEY }));
    const other = glue.getMLTaskRun({ ...KEY, taskRunId: 'tskr-2' });
    expect(pending.map((p) => p.key.taskRunId)).toEqual(['tskr-1', 'tskr-2']);
    pending[0]!.resolve(run('RUNNING'));
    pending[1]!.resolve(run('SUCCEEDED'));
    const results = await Promise.all(waiters);
    expect(results.every((r) => r.Status === 'RUNNING')).toBe(true);
    expect((await other).Status).toBe('SUCCEEDED');
    expect(await metricValue(metrics, 'gateway_inflight_coalesced_total')).toBe(4);
  });

  it('gives the call\'s error to every waiter, and forgets it: the next lookup calls again', async () => {
    const { api, pending } = controllableGlue();
    const glue = withInFlightCoalescing(api);
    const waiters = Array.from({ length: 3 }, () => glue.getMLTaskRun(KEY));
    const failure = Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    pending[0]!.reject(failure);
    const settled = await Promise.allSettled(waiters);
    expect(settled.map((s) => (s.status === 'rejected' ? s.reason : s))).toEqual([failure, failure, failure]);
    const again = glue.getMLTaskRun(KEY);
    expect(pending).toHaveLength(2);
    pending[1]!.resolve(run('RUNNING'));
    expect((await again).Status).toBe('RUNNING');
  });

  it('never shares a settled result: a lookup after the call ends sends a new one', async () => {
    const { api, pending } = controllableGlue();
    const glue = withInFlightCoalescing(api);
    const first = glue.getMLTaskRun(KEY);
    pending[0]!.resolve(run('RUNNING'));
    await first;
    const second = glue.getMLTaskRun(KEY);
    expect(pending).toHaveLength(2);
    pending[1]!.resolve(run('SUCCEEDED'));
    expect((await second).Status).toBe('SUCCEEDED');
  });
});

describe('finished-run cache', () => {
  const setup = () => {
    const { api, pending } = controllableGlue();
    const store = new InMemoryLRUCache<string>();
    const metrics = new GatewayMetrics();
    const glue = withFinishedRunCache(api, { cache: store, ttlSeconds: 60, upstreamId: 'test', metrics });
    return { glue, pending, store, metrics };
  };

  it.each(['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT'])('serves a %s run from the cache, Dates intact', async (status) => {
    const { glue, pending, metrics } = setup();
    const first = glue.getMLTaskRun(KEY);
    await new Promise((r) => setImmediate(r));
    pending[0]!.resolve(run(status));
    await first;
    const cached = await glue.getMLTaskRun(KEY);
    expect(pending).toHaveLength(1);
    expect(cached).toEqual(run(status));
    expect(cached.StartedOn).toBeInstanceOf(Date);
    expect(await metricValue(metrics, 'gateway_finished_run_cache_requests_total')).toBe(2);
  });

  it.each(['STARTING', 'RUNNING', 'STOPPING', 'SOMETHING_NEW'])('never stores a %s run', async (status) => {
    const { glue, pending, store } = setup();
    for (let i = 0; i < 2; i++) {
      const lookup = glue.getMLTaskRun(KEY);
      await new Promise((r) => setImmediate(r));
      pending[i]!.resolve(run(status));
      await lookup;
    }
    expect(pending).toHaveLength(2);
    expect(store.keys()).toEqual([]);
  });

  it('ignores an entry that is not finished, or that it cannot read, and asks upstream', async () => {
    const { glue, pending, store } = setup();
    await store.set(`glue-ml-graphql:finished-run:v1:test:${JSON.stringify([KEY.transformId, KEY.taskRunId])}`, JSON.stringify(run('RUNNING')));
    const lookup = glue.getMLTaskRun(KEY);
    await new Promise((r) => setImmediate(r));
    expect(pending).toHaveLength(1);
    pending[0]!.resolve(run('RUNNING'));
    await lookup;
    await store.set(`glue-ml-graphql:finished-run:v1:test:${JSON.stringify([KEY.transformId, KEY.taskRunId])}`, '{not json');
    const again = glue.getMLTaskRun(KEY);
    await new Promise((r) => setImmediate(r));
    expect(pending).toHaveLength(2);
    pending[1]!.resolve(run('SUCCEEDED'));
    expect((await again).Status).toBe('SUCCEEDED');
  });

  it('decodes the three SDK timestamps back into Dates and nothing else', () => {
    const decoded = decodeTaskRun(JSON.stringify({ ...run('SUCCEEDED'), LastModifiedOn: new Date(0), ErrorString: '2024-01-01T00:00:00Z' }));
    expect(decoded.LastModifiedOn).toEqual(new Date(0));
    expect(decoded.CompletedOn).toBeInstanceOf(Date);
    expect(decoded.ErrorString).toBe('2024-01-01T00:00:00Z');
  });
});
