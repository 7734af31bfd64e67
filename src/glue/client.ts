/**
 * The process's single GlueClient. One client means one keep-alive connection pool and one upstream
 * policy (retry strategy, retry budget, rate, breaker: upstream-policy.ts) for the whole process.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { GlueClient } from '@aws-sdk/client-glue';
import { DeadlineHttpHandler } from './deadline-http-handler.js';
import type { UpstreamPolicy } from './upstream-policy.js';

export interface GlueClientOptions {
  region: string;
  endpoint?: string;
  /** Only for endpoints that ignore signatures (the emulator); AWS uses the default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  glue: GlueClientPolicy;
  /** The upstream policy to install; without one the SDK's own retry mode applies (the bench baseline). */
  policy?: UpstreamPolicy;
}

/** The slice of the configuration the SDK client itself applies. */
export interface GlueClientPolicy {
  maxConcurrency: number;
  timeoutMs: number;
  retryMode: 'standard' | 'adaptive';
  maxAttempts: number;
}

export function createGlueClient(options: GlueClientOptions): GlueClient {
  // Enough sockets for every call the concurrency cap lets through, reused across requests.
  const agentOptions = { keepAlive: true, maxSockets: options.glue.maxConcurrency * 2 };
  const handlerOptions = {
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    connectionTimeout: Math.min(options.glue.timeoutMs, 5_000),
    requestTimeout: options.glue.timeoutMs,
    throwOnRequestTimeout: true,
  };
  const client = new GlueClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    ...(options.policy
      ? {
          retryStrategy: options.policy.retryStrategy,
          // Each attempt is cut at its call's deadline by the handler, so calls are sent without
          // options (no AbortSignal), and the client resolves its middleware chain once per command
          // instead of on every call (measured: 0.2 ms of CPU per call less, bench/results/profile-a.md).
          requestHandler: new DeadlineHttpHandler(handlerOptions),
          cacheMiddleware: true,
        }
      : // The handler's options, not an instance: the client builds its NodeHttpHandler from them.
        { retryMode: options.glue.retryMode, maxAttempts: options.glue.maxAttempts, requestHandler: handlerOptions }),
  });
  options.policy?.install(client);
  return client;
}
