/**
 * Optional authentication in front of /graphql: a bearer JWT (shared secret or JWKS, via `jose`) or a
 * static API key. Checked before Apollo runs, so an unauthenticated request never reaches a resolver
 * and never costs a Glue call. Off unless configured; health and metrics endpoints are not behind it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { errorResponseBody } from '../errors.js';

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

export function createAuthenticator(auth: AuthConfig): Authenticator {
  const apiKeys = auth.apiKeys.map(digest);
  const secret = auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : undefined;
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
    if (!secret && !jwks) return 'Bearer tokens are not accepted by this server.';
    try {
      const { payload } = secret
        ? await jwtVerify(match[1]!, secret, verifyOptions)
        : await jwtVerify(match[1]!, jwks!, verifyOptions);
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

export function authMiddleware(authenticate: Authenticator, logger: Logger): RequestHandler {
  return (req, res, next) => {
    // CORS preflights carry no credentials by design.
    if (req.method === 'OPTIONS') {
      next();
      return;
    }
    authenticate(req.get('authorization'), req.get('x-api-key')).then(
      (result) => {
        if (typeof result === 'string') {
          logger.info({ reason: result, path: req.path }, 'Rejected unauthenticated request');
          res.status(401).set('WWW-Authenticate', 'Bearer').json(errorResponseBody('UNAUTHENTICATED', result));
          return;
        }
        res.locals.principal = result;
        next();
      },
      next,
    );
  };
}
