/**
 * CORS for /graphql: browsers on the configured origins (and localhost in development) may call the
 * API; every other origin gets no `Access-Control-Allow-Origin`, so the browser withholds the answer.
 * CORS is not access control: Apollo's CSRF prevention still refuses simple cross-site requests.
 * `Vary: Origin` is set for every response by varyOnOriginAndAccept (graphql-over-http.ts), not only
 * for allowed origins as the cors package does.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';
import { isAllowedOrigin, type OriginPolicy } from './origins.js';

/** How long (seconds) a browser may reuse a preflight answer; polling pages then skip most preflights. */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function corsMiddleware(policy: OriginPolicy): RequestHandler {
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && isAllowedOrigin(origin, policy)),
    methods: ['GET', 'POST'],
    // No cookies: bearer tokens and API keys travel in headers (the preflight allows them); cookies
    // would make every cross-site request carry ambient credentials.
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
}
