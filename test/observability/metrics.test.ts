// GET /metrics after known traffic: every series the gateway records, with the values that traffic implies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const RUN = `query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { status } }`;

/** The value of one series in Prometheus text format, e.g. sample(text, 'x_total{a="b"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let stack: Stack;
  let text: string;
  beforeAll(async () => {
    // Without the response cache, so repeats reach the loaders and the finished-run cache they count.
    stack = await startStack({ emulator: { latencyMs: 150 }, env: { GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard', RESPONSE_CACHE_ENABLED: 'false' } });
    const finished = DEMO.runs.succeededFindMatches;
    await stack.query(RUN, { t: T, r: finished }); // miss, 1 call
    await stack.query(RUN, { t: T, r: finished }); // hit
    await stack.query(RUN, { t: T, r: 'tskr-missing' }); // miss, NOT_FOUND
    await Promise.all(Array.from({ length: 3 }, () => stack.query(RUN, { t: T, r: DEMO.runs.runningFindMatches }))); // 1 call, 2 joins
    stack.emulator.faults.add({ effect: 'ThrottlingException', ids: [DEMO.runs.startingEvaluation], times: 1 });
    await stack.query(`query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { status } }`, {
      keys: [DEMO.runs.startingEvaluation, DEMO.runs.stoppingExportLabels, finished].map((taskRunId) => ({ transformId: T, taskRunId })),
    }); // batch of 3: 1 throttled, 1 ok, 1 hit
    await stack.query('{ nope }'); // validation error
    const res = await fetch(new URL('/metrics', stack.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    text = await res.text();
  });
  afterAll(() => stack.close());

  it('counts Glue calls by operation and outcome, with their latency', () => {
    expect(sample(text, 'glue_upstream_calls_total{operation="GetMLTaskRun",outcome="ok"}')).toBe(3);
    expect(sample(text, 'glue_upstream_calls_total{operation="GetMLTaskRun",outcome="NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'glue_upstream_calls_total{operation="GetMLTaskRun",outcome="UPSTREAM_THROTTLED"}')).toBe(1);
    expect(sample(text, 'glue_upstream_call_duration_seconds_count{operation="GetMLTaskRun"}')).toBe(5);
    // Every call took at least the emulator's 150 ms.
    expect(sample(text, 'glue_upstream_call_duration_seconds_bucket{le="0.1",operation="GetMLTaskRun"}')).toBe(0);
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(5);
    // One attempt per call (GLUE_MAX_ATTEMPTS=1), each at least 150 ms in its slot.
    expect(sample(text, 'glue_upstream_attempt_duration_seconds_count{operation="GetMLTaskRun"}')).toBe(5);
    expect(sample(text, 'glue_upstream_attempt_duration_seconds_bucket{le="0.1",operation="GetMLTaskRun"}')).toBe(0);
  });

  it('counts finished-run cache hits and misses, and lookups that joined a call in flight', () => {
    expect(sample(text, 'gateway_finished_run_cache_requests_total{result="hit"}')).toBe(2);
    expect(sample(text, 'gateway_finished_run_cache_requests_total{result="miss"}')).toBe(7);
    expect(sample(text, 'gateway_inflight_coalesced_total')).toBe(2);
  });

  it('records loader batch sizes', () => {
    expect(sample(text, 'gateway_loader_batch_size_count')).toBe(7);
    expect(sample(text, 'gateway_loader_batch_size_sum')).toBe(9);
    expect(sample(text, 'gateway_loader_batch_size_bucket{le="2"}')).toBe(6);
  });

  it('counts GraphQL operations by outcome and errors by code', () => {
    expect(sample(text, 'graphql_operations_total{type="query",outcome="success"}')).toBe(5);
    // A failed nullable field still leaves data ({ mlTaskRun: null }): partial, like the list with one failed key.
    expect(sample(text, 'graphql_operations_total{type="query",outcome="partial"}')).toBe(2);
    expect(sample(text, 'graphql_operations_total{type="unknown",outcome="error"}')).toBe(1);
    expect(sample(text, 'graphql_errors_total{code="NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'graphql_errors_total{code="UPSTREAM_THROTTLED"}')).toBe(1);
    expect(sample(text, 'graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
  });

  it('includes the process metrics (resident memory, heap)', () => {
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  });
});

describe('METRICS_ENABLED=false', () => {
  it('does not serve /metrics, and GraphQL still works', async () => {
    const stack = await startStack({ env: { METRICS_ENABLED: 'false' } });
    try {
      expect((await fetch(new URL('/metrics', stack.url))).status).toBe(404);
      expect((await stack.query(RUN, { t: T, r: DEMO.runs.succeededFindMatches })).data.mlTaskRun.status).toBe('SUCCEEDED');
    } finally {
      await stack.close();
    }
  });
});

describe('call and attempt durations', () => {
  it('a call that queued for the only concurrency slot lasts longer than its attempt: the wait is in the call, not the attempt', async () => {
    const stack = await startStack({ emulator: { latencyMs: 100 }, env: { GLUE_MAX_CONCURRENCY: '1', GLUE_MAX_ATTEMPTS: '1', RESPONSE_CACHE_ENABLED: 'false' } });
    try {
      await Promise.all([DEMO.runs.runningFindMatches, DEMO.runs.startingEvaluation].map((r) => stack.query(RUN, { t: T, r })));
      const text = await (await fetch(new URL('/metrics', stack.url))).text();
      const sum = (name: string) => sample(text, `${name}_sum{operation="GetMLTaskRun"}`)!;
      expect(sample(text, 'glue_upstream_attempt_duration_seconds_count{operation="GetMLTaskRun"}')).toBe(2);
      // The second call waited for the first one's whole attempt (at least 100 ms) before its own began.
      expect(sum('glue_upstream_call_duration_seconds') - sum('glue_upstream_attempt_duration_seconds')).toBeGreaterThanOrEqual(0.09);
    } finally {
      await stack.close();
    }
  });
});
