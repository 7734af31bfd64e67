/**
 * Counts every GraphQL operation by outcome, and every error in responses by its public code, from the
 * response the client actually receives (after formatError), so the numbers match what callers see.
 */
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import { logOperation } from '../request-log.js';
import { boundPerKey, type GatewayMetrics } from './metrics.js';

export type OperationOutcome = 'success' | 'partial' | 'error';

/** success: no errors; partial: data alongside errors (e.g. one key of a list failed); error: no data. */
export function operationOutcome(response: GraphQLResponse): { outcome: OperationOutcome; codes: string[] } {
  if (response.body.kind !== 'single') return { outcome: 'success', codes: [] };
  const { data, errors } = response.body.singleResult;
  const codes = (errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN'));
  if (codes.length === 0) return { outcome: 'success', codes };
  return { outcome: data ? 'partial' : 'error', codes };
}

/** One operation in the metrics: from Apollo's plugin, or from the hot response cache (graphql-route.ts). */
export function recordOperation(metrics: GatewayMetrics, type: string, outcome: OperationOutcome, seconds: number, codes: string[] = []): void {
  metrics.graphqlOperations.inc({ type, outcome });
  metrics.graphqlDuration.observe({ type }, seconds);
  for (const code of codes) metrics.graphqlErrors.inc({ code });
}

export function operationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin {
  // The series of an error-free operation, bound once per type.
  const success = boundPerKey((type) => ({
    count: metrics.graphqlOperations.labels({ type, outcome: 'success' }),
    duration: metrics.graphqlDuration.labels({ type }),
  }));
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation }) {
          const { outcome, codes } = operationOutcome(response);
          const type = operation?.operation ?? 'unknown';
          const seconds = (performance.now() - started) / 1000;
          if (outcome !== 'success') return recordOperation(metrics, type, outcome, seconds, codes);
          const series = success(type);
          series.count.inc();
          series.duration.observe(seconds);
        },
      };
    },
  };
}

/**
 * What the plugins record for an operation the hot response cache answered (graphql-route.ts): the
 * same metrics (series bound once: label lookups are most of a hit's metric cost) and log line.
 */
export function hotHitObserver(logger: Logger, metrics: GatewayMetrics | undefined) {
  const operations = metrics?.graphqlOperations.labels({ type: 'query', outcome: 'success' });
  const duration = metrics?.graphqlDuration.labels({ type: 'query' });
  const hits = metrics?.responseCache.labels({ result: 'hit' });
  return ({ requestId, operationName, seconds, principal }: { requestId: string; operationName: string | null; seconds: number; principal?: { subject: string } }) => {
    operations?.inc();
    duration?.observe(seconds);
    hits?.inc();
    if (logger.isLevelEnabled('info')) {
      logOperation(logger, { requestId, operationName, durationMs: Math.round(seconds * 1000), status: 200, errorCodes: [], principal: principal?.subject });
    }
  };
}
