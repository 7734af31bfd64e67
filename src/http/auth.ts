/**
 * Optional authentication in front of /graphql: a bearer JWT (shared secret or JWKS, via `jose`) or a
 * static API key. Checked before Apollo runs, so an unauthenticated request never reaches a resolver
 * and never costs a Glue call. Off unless configured; health and metrics endpoints are not behind it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { errorResponseBody } from '../errors.js';
import { sendJson } from './errors.js';

export type AuthConfig = NonNullable<Config['auth']>;

/** Who made the request, for logs and resolvers. */
export interface Principal {
  kind: 'jwt' | 'api-key';
  subject: string;
  /** May run mutations: a JWT with the write scope (AUTH_WRITE_SCOPE) or a key of AUTH_WRITE_API_KEYS. */
  write: boolean;
  /** When the credentials stop being valid (epoch ms): a JWT's `exp`. WebSocket connections end then. */
  expiresAt?: number;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests so neither the length nor the content of a key leaks through timing. */
function matchesApiKey(candidate: string, keys: Buffer[]): number {
  const d = digest(candidate);
  return keys.findIndex((k) => timingSafeEqual(k, d));
}

/** Checks one request's credentials: a Principal, or why they were refused (safe to show the caller). */
export type Authenticator = (authorization: string | undefined, apiKey: string | undefined) => Promise<Principal | string>;

/** jose is loaded with the first bearer token: a gateway with API keys only never needs it (megabytes resident). */
let jose: Promise<typeof import('jose')> | undefined;
const loadJose = () => (jose ??= import('jose'));

export function createAuthenticator(auth: AuthConfig): Authenticator {
  const apiKeys = auth.apiKeys.map(digest);
  const secret = auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret) : undefined;
  let jwks: Promise<JWTVerifyGetKey> | undefined;
  const jwksOf = (url: string) => (jwks ??= loadJose().then(({ createRemoteJWKSet }) => createRemoteJWKSet(new URL(url))));
  const writeKeys = new Set(auth.writeApiKeys.map((k) => auth.apiKeys.indexOf(k)));
  // `exp` is required: a token that never expires is a credential that can never be withdrawn.
  const verifyOptions = { issuer: auth.issuer, audience: auth.audience, algorithms: auth.algorithms, requiredClaims: ['exp'] };

  return async function authenticate(authorization, apiKey) {
    if (apiKey !== undefined) {
      if (apiKeys.length === 0) return 'API keys are not accepted by this server.';
      const index = matchesApiKey(apiKey, apiKeys);
      return index >= 0 ? { kind: 'api-key', subject: `api-key#${index + 1}`, write: writeKeys.has(index) } : 'Invalid API key.';
    }
    // Stryker disable next-line StringLiteral: any fallback that is not "Bearer <token>" is the same missing credential
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return 'Missing credentials: send "Authorization: Bearer <JWT>" or "x-api-key: <key>".';
    if (!secret && !auth.jwksUrl) return 'Bearer tokens are not accepted by this server.';
    try {
      const { jwtVerify } = await loadJose();
      const { payload } = secret
        ? await jwtVerify(match[1]!, secret, verifyOptions)
        : await jwtVerify(match[1]!, await jwksOf(auth.jwksUrl!), verifyOptions);
      return { kind: 'jwt', subject: payload.sub ?? 'unknown', write: scopes(payload).includes(auth.writeScope), expiresAt: payload.exp! * 1000 };
    } catch (err) {
      // jose's error codes say why (expired, bad signature, wrong audience) without echoing the token.
      return `Invalid token (${(err as { code?: string }).code ?? 'ERR_JWT_INVALID'}).`;
    }
  };
}

/** OAuth scopes: `scope` is a space-separated string (RFC 8693); `scp` a string or an array (Azure AD, Okta). */
export function scopes(payload: JWTPayload): string[] {
  const claim = payload.scope ?? payload.scp;
  if (typeof claim === 'string') return claim.split(' ').filter(Boolean);
  return Array.isArray(claim) ? claim.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * Authenticates one HTTP request: its Principal, or `undefined` once it has answered 401 itself.
 * (CORS preflights never get here: they carry no credentials by design.)
 */
export async function authenticateRequest(
  authenticate: Authenticator,
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Principal | undefined> {
  const apiKey = req.headers['x-api-key'];
  const result = await authenticate(req.headers.authorization, Array.isArray(apiKey) ? apiKey[0] : apiKey);
  if (typeof result !== 'string') return result;
  logger.info({ reason: result, path: (req.url ?? '').split('?')[0] }, 'Rejected unauthenticated request');
  sendJson(res, 401, errorResponseBody('UNAUTHENTICATED', result), { 'WWW-Authenticate': 'Bearer' });
  return undefined;
}
