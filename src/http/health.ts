/**
 * Liveness and readiness. /healthz only says the process answers; /readyz says whether it should get
 * traffic: not while draining for shutdown, and not while Glue is unreachable. The Glue check is one
 * cheap call, shared by concurrent probes and cached, so probes never add load proportional to their rate.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GlueApi } from '../glue/operations.js';
import { classifyGlueError } from '../glue/errors.js';
import { sendJson } from './errors.js';

export interface Readiness {
  /** Called on SIGTERM: from now on /readyz answers 503 so load balancers stop sending traffic. */
  markDraining(): void;
  check(): Promise<{ ready: boolean; reason?: string }>;
}

/** `observe` hears every answer (the gateway_ready gauge). */
export function createReadiness(glue: Pick<GlueApi, 'ping' | 'upstreamState'>, cacheMs: number, observe?: (ready: boolean) => void): Readiness {
  let draining = false;
  let cached: { at: number; result: Promise<{ ready: boolean; reason?: string }> } | undefined;

  const probe = async () => {
    try {
      await glue.ping();
      return { ready: true };
    } catch (err) {
      return { ready: false, reason: `Glue: ${classifyGlueError(err).code}` };
    }
  };

  return {
    markDraining() {
      draining = true;
      observe?.(false);
    },
    async check() {
      if (draining) return { ready: false, reason: 'shutting down' };
      // While the circuit is open Glue is known to be failing: no call needed. Once the cool-down is
      // over, the probe below is the breaker's half-open trial, so an idle instance recovers too.
      const upstream = glue.upstreamState?.();
      if (upstream?.circuit === 'open' && upstream.coolDownLeftMs > 0) return { ready: false, reason: 'Glue: circuit open' };
      const now = Date.now();
      if (!cached || now - cached.at >= cacheMs) cached = { at: now, result: probe() };
      const result = await cached.result;
      observe?.(result.ready && !draining); // a drain that began meanwhile keeps the gauge at 0
      return result;
    },
  };
}

/** GET (or HEAD) /healthz and /readyz; false for any other request. */
export function healthRoutes(readiness: Readiness): (req: IncomingMessage, res: ServerResponse, path: string) => boolean {
  return (req, res, path) => {
    if ((path !== '/healthz' && path !== '/readyz') || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return true;
    }
    readiness.check().then(
      ({ ready, reason }) => sendJson(res, ready ? 200 : 503, ready ? { status: 'ready' } : { status: 'not ready', reason }),
      () => sendJson(res, 503, { status: 'not ready' }),
    );
    return true;
  };
}
