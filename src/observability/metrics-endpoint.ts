/**
 * GET /metrics: the gateway's registry in the Prometheus text format, on the GraphQL port or, with
 * METRICS_PORT, on a port of its own that can stay inside the cluster.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import type { GatewayMetrics } from './metrics.js';

export function metricsHandler(metrics: GatewayMetrics): RequestHandler {
  return async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** A wildcard bind address is not something to open in a browser: show localhost instead. */
export function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
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
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      return { url: `http://${displayHost(host)}:${address.port}/metrics` };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
