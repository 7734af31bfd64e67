/**
 * The environment variables of the gateway's defences against abuse (issue #18): JWT policy, write
 * permission, S3 bounds, rate limits, per-client subscription caps, slow-client timeouts, persisted
 * queries, federation secrets and account-id exposure. Kept apart from config.ts so that file stays
 * one screenful; config.ts spreads this shape into its envSchema and calls `securityConfig`.
 */
import { z } from 'zod';
import { bool, int } from '../env-values.js';

const list = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** The JWS algorithms jose verifies; `none` is never among them. */
export const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/** `s3://bucket/` or `s3://bucket/prefix/`: a prefix must end at a `/`, so `s3://b/data` cannot admit `s3://b/database`. */
const S3_PREFIX = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/(?:[^\s]*\/)?$/;

export const securityEnvShape = {
  AUTH_JWT_ALGORITHMS: list
    .pipe(z.array(z.enum(JWT_ALGORITHMS, { message: `each must be one of ${JWT_ALGORITHMS.join(', ')}` })).min(1, { message: 'must name at least one algorithm' }))
    .optional(),
  AUTH_WRITE_SCOPE: z.string().min(1).regex(/^\S+$/, { message: 'must be one scope (no spaces)' }).default('glue-ml:write'),
  AUTH_WRITE_API_KEYS: list.optional(),
  GLUE_S3_ALLOWED_PREFIXES: list
    .pipe(z.array(z.string().regex(S3_PREFIX, { message: 'each must be s3://bucket/ or s3://bucket/prefix/ (ending in /)' })))
    .optional(),
  GRAPHQL_EXPOSE_ACCOUNT_IDS: bool.default(false),
  FEDERATION_ROUTER_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  MAX_ERRORS_PER_RESPONSE: int(1, 10_000).default(100),
  RATE_LIMIT_PER_CLIENT_RPS: int(1, 1_000_000).optional(),
  TRUST_PROXY: int(0, 32).default(0),
  HTTP_HEADERS_TIMEOUT_MS: int(1_000, 600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: int(1_000, 3_600_000).default(30_000),
  HTTP_MAX_CONNECTIONS: int(1, 1_000_000).default(4_096),
  WS_CONNECTION_INIT_TIMEOUT_MS: int(100, 600_000).default(5_000),
  SUBSCRIPTIONS_MAX_CONNECTIONS_PER_CLIENT: int(1, 1_000_000).default(50),
  SUBSCRIPTIONS_MAX_PER_CLIENT: int(1, 1_000_000).default(200),
  SUBSCRIBE_RATE_PER_CLIENT: int(1, 1_000_000).default(100),
  PERSISTED_QUERIES_TTL_SECONDS: int(1, 31_536_000).default(86_400),
  PERSISTED_QUERIES_MAX_BYTES: int(1024, 1024 * 1024 * 1024).default(8 * 1024 * 1024),
  PERSISTED_QUERY_MAX_BYTES: int(64, 1024 * 1024).default(16 * 1024),
  PERSISTED_QUERIES_SAFELIST: bool.default(false),
};

const securityEnv = z.object(securityEnvShape);
export type SecurityEnv = z.infer<typeof securityEnv>;

export interface SecurityConfig {
  /** Mutations need this JWT scope (or an API key of `writeApiKeys`) when authentication is on. */
  writeScope: string;
  /** Where mutations may point Glue in S3; undefined: anywhere. */
  s3AllowedPrefixes?: string[];
  /** MLTransform.role shows the account id only when true. */
  exposeAccountIds: boolean;
  /** `_service` and ftv1 traces: open (development), secret-gated, or off (production without a secret). */
  federation: { mode: 'open' } | { mode: 'secret'; secret: string } | { mode: 'off' };
  maxErrorsPerResponse: number;
  /** Requests and WebSocket messages per second per client; undefined: no limit. */
  rateLimitPerClientRps?: number;
  /** How many proxies in front of the gateway append to X-Forwarded-For (0: ignore the header). */
  trustProxy: number;
  http: { headersTimeoutMs: number; requestTimeoutMs: number; maxConnections: number };
  webSocket: { connectionInitTimeoutMs: number; maxConnectionsPerClient: number; maxSubscriptionsPerClient: number; subscribeRatePerClient: number };
  persistedQueries: { ttlSeconds: number; maxBytes: number; maxQueryBytes: number; safelist: boolean };
}

/** Problems only visible across variables (or in production), as `VARIABLE: message` lines. */
export function securityProblems(e: SecurityEnv & { AUTH_JWKS_URL?: string; AUTH_JWT_ISSUER?: string; AUTH_JWT_AUDIENCE?: string; AUTH_JWT_SECRET?: string; AUTH_API_KEYS?: string[] }, production: boolean): string[] {
  const problems: string[] = [];
  if (production && e.AUTH_JWKS_URL) {
    if (!e.AUTH_JWKS_URL.startsWith('https://')) problems.push('AUTH_JWKS_URL: must be an https:// URL when NODE_ENV=production');
    if (!e.AUTH_JWT_ISSUER) problems.push('AUTH_JWT_ISSUER: is required with AUTH_JWKS_URL when NODE_ENV=production');
    if (!e.AUTH_JWT_AUDIENCE) problems.push('AUTH_JWT_AUDIENCE: is required with AUTH_JWKS_URL when NODE_ENV=production');
  }
  const algorithms = e.AUTH_JWT_ALGORITHMS ?? [];
  if (e.AUTH_JWT_SECRET && algorithms.some((a) => !a.startsWith('HS'))) {
    problems.push('AUTH_JWT_ALGORITHMS: a shared secret (AUTH_JWT_SECRET) verifies only HS256, HS384 or HS512');
  }
  if (e.AUTH_JWKS_URL && algorithms.some((a) => a.startsWith('HS'))) {
    problems.push('AUTH_JWT_ALGORITHMS: a JWKS (AUTH_JWKS_URL) holds public keys; HS* algorithms need AUTH_JWT_SECRET');
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) problems.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  // Stryker disable next-line ArrayDeclaration: with no API keys every write key is unknown, whatever the fallback holds
  const apiKeys = e.AUTH_API_KEYS ?? [];
  const unknownWriteKeys = (e.AUTH_WRITE_API_KEYS ?? []).filter((k) => !apiKeys.includes(k));
  if (unknownWriteKeys.length > 0) problems.push('AUTH_WRITE_API_KEYS: every key must also be listed in AUTH_API_KEYS');
  return problems;
}

/** The JWT algorithms accepted: configured, or HS256 for a secret and RS256/ES256 for a JWKS. */
export function jwtAlgorithms(e: Pick<SecurityEnv, 'AUTH_JWT_ALGORITHMS'> & { AUTH_JWT_SECRET?: string }): string[] {
  return e.AUTH_JWT_ALGORITHMS ?? (e.AUTH_JWT_SECRET ? ['HS256'] : ['RS256', 'ES256']);
}

export function securityConfig(e: SecurityEnv, production: boolean): SecurityConfig {
  return {
    writeScope: e.AUTH_WRITE_SCOPE,
    s3AllowedPrefixes: e.GLUE_S3_ALLOWED_PREFIXES,
    exposeAccountIds: e.GRAPHQL_EXPOSE_ACCOUNT_IDS,
    federation: e.FEDERATION_ROUTER_SECRET
      ? { mode: 'secret', secret: e.FEDERATION_ROUTER_SECRET }
      : production
        ? { mode: 'off' }
        : { mode: 'open' },
    maxErrorsPerResponse: e.MAX_ERRORS_PER_RESPONSE,
    rateLimitPerClientRps: e.RATE_LIMIT_PER_CLIENT_RPS,
    trustProxy: e.TRUST_PROXY,
    http: { headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, maxConnections: e.HTTP_MAX_CONNECTIONS },
    webSocket: {
      connectionInitTimeoutMs: e.WS_CONNECTION_INIT_TIMEOUT_MS,
      maxConnectionsPerClient: e.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_CLIENT,
      maxSubscriptionsPerClient: e.SUBSCRIPTIONS_MAX_PER_CLIENT,
      subscribeRatePerClient: e.SUBSCRIBE_RATE_PER_CLIENT,
    },
    persistedQueries: {
      ttlSeconds: e.PERSISTED_QUERIES_TTL_SECONDS,
      maxBytes: e.PERSISTED_QUERIES_MAX_BYTES,
      maxQueryBytes: e.PERSISTED_QUERY_MAX_BYTES,
      safelist: e.PERSISTED_QUERIES_SAFELIST,
    },
  };
}
