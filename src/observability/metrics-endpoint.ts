/**
 * GET /metrics: the gateway's registry in the Prometheus text format, on the GraphQL port or, with
 * METRICS_PORT, on a port of its own that can stay inside the cluster.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sendNotFound } from '../http/errors.js';
import { listen } from '../listen.js';
import type { GatewayMetrics } from './metrics.js';

/** GET (or HEAD) /metrics; false for any other request. */
export function metricsHandler(metrics: GatewayMetrics): (req: IncomingMessage, res: ServerResponse, path: string) => boolean {
  return (req, res, path) => {
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    metrics.registry.metrics().then(
      (text) => {
        res.setHeader('content-type', metrics.registry.contentType);
        res.setHeader('content-length', Buffer.byteLength(text));
        res.end(text);
      },
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
    return true;
  };
}

export interface MetricsServer {
  listen(): Promise<{ url: string }>;
  close(): Promise<void>;
}

export function metricsServer(metrics: GatewayMetrics, host: string, port: number): MetricsServer {
  const serve = metricsHandler(metrics);
  const server: Server = createServer((req, res) => {
    if (!serve(req, res, (req.url ?? '/').split('?')[0]!)) sendNotFound(res);
  });
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
