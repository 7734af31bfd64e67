/**
 * CORS for /graphql: browsers on the configured origins (and localhost in development) may call the
 * API; every other origin gets no `Access-Control-Allow-Origin`, so the browser withholds the answer.
 * CORS is not access control: Apollo's CSRF prevention still refuses simple cross-site requests.
 * Every response varies on `Origin` and `Accept` (varyOnOriginAndAccept), not only those for allowed
 * origins as the cors package does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import { isAllowedOrigin, type OriginPolicy } from './origins.js';

/** How long (seconds) a browser may reuse a preflight answer; polling pages then skip most preflights. */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Applies the CORS headers; false when it has answered the request itself (a preflight, 204). */
export type CorsHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function corsHandler(policy: OriginPolicy): CorsHandler {
  const middleware = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && isAllowedOrigin(origin, policy)),
    methods: ['GET', 'POST'],
    // No cookies: bearer tokens and API keys travel in headers (the preflight allows them); cookies
    // would make every cross-site request carry ambient credentials.
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
  return (req, res) => {
    // The cors package calls next synchronously when its options and origin callback are synchronous
    // (they are), and not at all when it has ended a preflight.
    let proceed = false;
    middleware(req as never, res as never, () => {
      proceed = true;
    });
    return proceed;
  };
}

/** Adds `Origin` and `Accept` to `Vary`, keeping what is there (the cors package's `Origin`). */
export function varyOnOriginAndAccept(res: ServerResponse): void {
  const current = res.getHeader('vary');
  if (current === undefined) {
    res.setHeader('vary', 'Origin, Accept');
    return;
  }
  const listed = String(current).toLowerCase().split(/\s*,\s*/);
  const added = ['Origin', 'Accept'].filter((name) => !listed.includes(name.toLowerCase()));
  if (added.length) res.setHeader('vary', [String(current), ...added].join(', '));
}
