/** GET /metrics: the gateway's registry in the Prometheus text format. */
import type { RequestHandler } from 'express';
import type { GatewayMetrics } from './metrics.js';

export function metricsHandler(metrics: GatewayMetrics): RequestHandler {
  return async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
