/**
 * The gateway's Prometheus metrics. Each gateway owns its own Registry (never prom-client's global
 * one), so several gateways in one process (the tests) keep separate counts, and every instrument the
 * code paths record into is declared here, in one place, with its labels.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Series bound once per key (an operation, an operation type) and reused: prom-client hashes the label
 * object of every unbound call, which is most of what recording costs on a hot path.
 */
export function boundPerKey<V>(bind: (key: string) => V): (key: string) => V {
  const bound = new Map<string, V>();
  return (key) => {
    let series = bound.get(key);
    if (series === undefined) bound.set(key, (series = bind(key)));
    return series;
  };
}

/** Seconds, for Glue calls and attempts alike, so the two histograms compare bucket by bucket. */
const GLUE_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class GatewayMetrics {
  readonly registry = new Registry();

  /** Glue calls actually sent, by operation and outcome (`ok` or the gateway's error code). */
  readonly upstreamCalls = new Counter({
    name: 'glue_upstream_calls_total',
    help: 'Glue API calls sent upstream, by operation and outcome (ok, or the error code the failure maps to).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly upstreamDuration = new Histogram({
    name: 'glue_upstream_call_duration_seconds',
    help: 'Duration of logical Glue API calls, as callers wait for them: waiting for a rate permit or a concurrency slot, SDK retries and backoffs included.',
    labelNames: ['operation'] as const,
    buckets: GLUE_SECONDS_BUCKETS,
    registers: [this.registry],
  });

  readonly upstreamAttemptDuration = new Histogram({
    name: 'glue_upstream_attempt_duration_seconds',
    help: 'Duration of single Glue attempts while they hold a concurrency slot: how long Glue itself took to answer.',
    labelNames: ['operation'] as const,
    buckets: GLUE_SECONDS_BUCKETS,
    registers: [this.registry],
  });

  readonly finishedRunCache = new Counter({
    name: 'gateway_finished_run_cache_requests_total',
    help: 'Lookups in the cache of finished task runs, by result (hit or miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly responseCache = new Counter({
    name: 'gateway_response_cache_requests_total',
    help: 'Query operations answered from the full-response cache (hit) or executed (miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly cacheErrors = new Counter({
    name: 'gateway_cache_errors_total',
    help: 'Shared-cache operations that failed or timed out (treated as misses), by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly coalescedCalls = new Counter({
    name: 'gateway_inflight_coalesced_total',
    help: 'GetMLTaskRun lookups that joined a call already in flight for the same run instead of sending their own.',
    registers: [this.registry],
  });

  readonly loaderBatchSize = new Histogram({
    name: 'gateway_loader_batch_size',
    help: 'Distinct task runs per DataLoader batch (one batch per operation tick).',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });

  readonly graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by type and outcome (success, partial: data with errors, error: no data).',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  /** 0 closed, 1 half-open, 2 open. */
  readonly circuitState = new Gauge({
    name: 'glue_circuit_state',
    help: 'State of the circuit breaker of the Glue endpoint: 0 closed, 1 half-open, 2 open.',
    registers: [this.registry],
  });

  readonly upstreamRetries = new Counter({
    name: 'glue_upstream_retries_total',
    help: 'Retries of Glue calls the upstream policy started, by operation and error type (THROTTLING, TRANSIENT).',
    labelNames: ['operation', 'reason'] as const,
    registers: [this.registry],
  });

  readonly retriesRefused = new Counter({
    name: 'glue_upstream_retries_refused_total',
    help: 'Retries not started, by operation and reason (budget: the retry budget was spent; deadline: the backoff would end past GLUE_TIMEOUT_MS).',
    labelNames: ['operation', 'reason'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'glue_rate_limited_total',
    help: 'Glue attempts not sent because the sending rate was spent (answered UPSTREAM_THROTTLED at once).',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  /** Where the sending-rate gauge reads from at scrape time (the rate budget). */
  rateSource: () => number | undefined = () => undefined;

  readonly sendingRate: Gauge = (() => {
    const source = () => this.rateSource();
    return new Gauge({
      name: 'glue_sending_rate_limit',
      help: 'Calls per second the gateway currently allows itself to send to Glue; absent while unlimited.',
      registers: [this.registry],
      collect() {
        const current = source();
        if (current === undefined) this.reset();
        else this.set(current);
      },
    });
  })();

  /** Where the subscription gauges read from at scrape time (the task-run watcher's stats). */
  watcherSource: () => { pollers: number; subscribers: number } | undefined = () => undefined;

  readonly subscriptionPollers: Gauge = this.watcherGauge(
    'gateway_subscription_pollers',
    'Task runs this process polls for subscribers now; with REDIS_URL, the runs whose lease it holds (plus any it polls alone while Redis is unreachable).',
    (stats) => stats.pollers,
  );

  readonly subscriptionStreams: Gauge = this.watcherGauge(
    'gateway_subscription_streams',
    'Subscription streams open on this process, over all runs.',
    (stats) => stats.subscribers,
  );

  private watcherGauge(name: string, help: string, pick: (stats: { pollers: number; subscribers: number }) => number): Gauge {
    const source = () => this.watcherSource();
    return new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        const stats = source();
        if (stats) this.set(pick(stats));
      },
    });
  }

  readonly staleAnswers = new Counter({
    name: 'gateway_stale_answers_total',
    help: 'Task runs answered from their last known state because refreshing them failed with a retryable upstream error.',
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response, by operation type.',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly ready = new Gauge({
    name: 'gateway_ready',
    help: 'What /readyz last answered: 1 ready, 0 not (draining for shutdown, or Glue unreachable).',
    registers: [this.registry],
  });

  constructor() {
    // Process metrics (resident memory, heap, event-loop lag, GC) under the standard names.
    collectDefaultMetrics({ register: this.registry });
  }
}
