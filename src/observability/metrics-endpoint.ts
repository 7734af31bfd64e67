/**
 * GET /metrics: the gateway's registry in the Prometheus text format, on the GraphQL port or, with
 * METRICS_PORT, on a port of its own that can stay inside the cluster.
 */
import { createServer, type Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import { listen } from '../listen.js';
import type { GatewayMetrics } from './metrics.js';

export function metricsHandler(metrics: GatewayMetrics): RequestHandler {
  return async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

export interface MetricsServer {
  listen(): Promise<{ url: string }>;
  close(): Promise<void>;
}

export function metricsServer(metrics: GatewayMetrics, host: string, port: number): MetricsServer {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsHandler(metrics));
  const server: Server = createServer(app);
  return {
    async listen() {
      const { origin } = await listen(server, port, host);
      return { url: `${origin}/metrics` };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
