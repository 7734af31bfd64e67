/**
 * Which browser origins may call the API cross-origin. Kept apart from the CORS middleware so the
 * configuration can validate CORS_ORIGINS with the same rules the policy applies at request time.
 */

/** `http://localhost`, `http://127.0.0.1` and `http://[::1]` (and https), any port: a developer's own machine. */
const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

export interface OriginPolicy {
  /** Exact origins, as browsers send them in the `Origin` header (`scheme://host[:port]`). */
  origins: readonly string[];
  /** Also allow any localhost origin (development only). */
  allowLocalhost: boolean;
}

/**
 * Parses a comma-separated origin list. An entry must be exactly an origin (one trailing slash is
 * tolerated); anything with a path, query, credentials or a non-http(s) scheme is returned as invalid,
 * because a browser never sends such an `Origin` and the entry could never match.
 */
export function parseOriginList(value: string): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const origin = toOrigin(entry);
    if (origin) origins.push(origin);
    else invalid.push(entry);
  }
  return { origins: [...new Set(origins)], invalid };
}

function toOrigin(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  // Only scheme, host and port: the href then is the origin plus '/' (an empty '?' or '#' shows in href too).
  // URL.origin lower-cases the host and drops a default port, as browsers do in the Origin header.
  const bare = url.href === `${url.origin}/`;
  return (url.protocol === 'http:' || url.protocol === 'https:') && bare ? url.origin : null;
}

export function isAllowedOrigin(origin: string, policy: OriginPolicy): boolean {
  return policy.origins.includes(origin) || (policy.allowLocalhost && LOCALHOST_ORIGIN.test(origin));
}
