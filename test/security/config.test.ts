// The security settings are validated at start-up with messages that name the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { GLUE_ENDPOINT: 'http://127.0.0.1:1' };
const prod = { ...base, NODE_ENV: 'production' };
const SECRET = 'x'.repeat(32);

describe('JWT settings', () => {
  it('in production, a JWKS needs an https URL, an issuer and an audience, each named when missing', () => {
    expect(() => loadConfig({ ...prod, AUTH_JWKS_URL: 'http://idp.test/jwks.json', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' })).toThrow(
      /AUTH_JWKS_URL: must be an https:\/\/ URL/,
    );
    expect(() => loadConfig({ ...prod, AUTH_JWKS_URL: 'https://idp.test/jwks.json', AUTH_JWT_AUDIENCE: 'a' })).toThrow(/AUTH_JWT_ISSUER: is required/);
    expect(() => loadConfig({ ...prod, AUTH_JWKS_URL: 'https://idp.test/jwks.json', AUTH_JWT_ISSUER: 'i' })).toThrow(/AUTH_JWT_AUDIENCE: is required/);
    const ok = loadConfig({ ...prod, AUTH_JWKS_URL: 'https://idp.test/jwks.json', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' });
    expect(ok.auth?.algorithms).toEqual(['RS256', 'ES256']);
    // Development keeps the old freedom: a local identity provider over http.
    expect(loadConfig({ ...base, AUTH_JWKS_URL: 'http://localhost:8080/jwks.json' }).auth?.jwksUrl).toBe('http://localhost:8080/jwks.json');
  });

  it('takes AUTH_JWT_ALGORITHMS, HS256 alone by default for a secret, and refuses algorithms the key type cannot verify', () => {
    expect(loadConfig({ ...base, AUTH_JWT_SECRET: SECRET }).auth?.algorithms).toEqual(['HS256']);
    expect(loadConfig({ ...base, AUTH_JWT_SECRET: SECRET, AUTH_JWT_ALGORITHMS: 'HS256, HS384' }).auth?.algorithms).toEqual(['HS256', 'HS384']);
    expect(() => loadConfig({ ...base, AUTH_JWT_SECRET: SECRET, AUTH_JWT_ALGORITHMS: 'RS256' })).toThrow(/AUTH_JWT_ALGORITHMS: a shared secret/);
    expect(() => loadConfig({ ...base, AUTH_JWKS_URL: 'https://idp.test/j', AUTH_JWT_ALGORITHMS: 'HS256' })).toThrow(/AUTH_JWT_ALGORITHMS: a JWKS/);
    expect(() => loadConfig({ ...base, AUTH_JWT_SECRET: SECRET, AUTH_JWT_ALGORITHMS: 'none' })).toThrow(/AUTH_JWT_ALGORITHMS/);
  });

  it('needs every write API key to be an API key, and a write scope without spaces', () => {
    expect(() => loadConfig({ ...base, AUTH_API_KEYS: 'k'.repeat(16), AUTH_WRITE_API_KEYS: 'w'.repeat(16) })).toThrow(/AUTH_WRITE_API_KEYS/);
    expect(() => loadConfig({ ...base, AUTH_JWT_SECRET: SECRET, AUTH_WRITE_API_KEYS: 'w'.repeat(16) })).toThrow(/AUTH_WRITE_API_KEYS/);
    expect(() => loadConfig({ ...base, AUTH_WRITE_SCOPE: 'a b' })).toThrow(/AUTH_WRITE_SCOPE/);
    expect(loadConfig({ ...base, AUTH_JWT_SECRET: SECRET }).auth?.writeScope).toBe('glue-ml:write');
  });
});

describe('other security settings', () => {
  it('GLUE_S3_ALLOWED_PREFIXES takes s3://bucket/ prefixes ending in a slash', () => {
    expect(loadConfig({ ...base, GLUE_S3_ALLOWED_PREFIXES: 's3://a-bucket/, s3://b-bucket/labels/' }).security.s3AllowedPrefixes).toEqual([
      's3://a-bucket/',
      's3://b-bucket/labels/',
    ]);
    for (const bad of ['s3://a-bucket', 's3://a-bucket/labels', 'https://a-bucket/', 's3://A_B/', 'https://x.test/s3://a-bucket/']) {
      expect(() => loadConfig({ ...base, GLUE_S3_ALLOWED_PREFIXES: bad })).toThrow(/GLUE_S3_ALLOWED_PREFIXES/);
    }
  });

  it('production closes federation internals and moves /metrics to its own port unless told otherwise', () => {
    expect(loadConfig(base).security.federation).toEqual({ mode: 'open' });
    expect(loadConfig(base).metricsPort).toBeUndefined();
    expect(loadConfig(prod).security.federation).toEqual({ mode: 'off' });
    expect(loadConfig({ ...prod, FEDERATION_ROUTER_SECRET: SECRET }).security.federation).toEqual({ mode: 'secret', secret: SECRET });
    expect(loadConfig(prod).metricsPort).toBe(9464);
    expect(loadConfig({ ...prod, METRICS_PORT: '9100' }).metricsPort).toBe(9100);
    expect(() => loadConfig({ ...base, FEDERATION_ROUTER_SECRET: 'short' })).toThrow(/FEDERATION_ROUTER_SECRET/);
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => loadConfig({ ...base, HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });

  it('leaves the per-client rate limit off unless RATE_LIMIT_PER_CLIENT_RPS is set', () => {
    expect(loadConfig(base).security.rateLimitPerClientRps).toBeUndefined();
    expect(loadConfig({ ...base, RATE_LIMIT_PER_CLIENT_RPS: '20' }).security.rateLimitPerClientRps).toBe(20);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must be a whole number/);
  });
});

describe('the security configuration as a whole', () => {
  it('has these defaults', () => {
    expect(loadConfig(base).security).toEqual({
      writeScope: 'glue-ml:write',
      s3AllowedPrefixes: undefined,
      exposeAccountIds: false,
      federation: { mode: 'open' },
      maxErrorsPerResponse: 100,
      rateLimitPerClientRps: undefined,
      trustProxy: 0,
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 4_096 },
      webSocket: { connectionInitTimeoutMs: 5_000, maxConnectionsPerClient: 50, maxSubscriptionsPerClient: 200, subscribeRatePerClient: 100 },
      persistedQueries: { ttlSeconds: 86_400, maxBytes: 8 * 1024 * 1024, maxQueryBytes: 16 * 1024, safelist: false },
    });
  });

  it('takes every variable to its own setting', () => {
    const config = loadConfig({
      ...base,
      AUTH_API_KEYS: 'k'.repeat(16),
      AUTH_WRITE_API_KEYS: 'k'.repeat(16),
      AUTH_WRITE_SCOPE: 'jobs:write',
      GLUE_S3_ALLOWED_PREFIXES: 's3://a-bucket/x/',
      GRAPHQL_EXPOSE_ACCOUNT_IDS: 'true',
      FEDERATION_ROUTER_SECRET: SECRET,
      MAX_ERRORS_PER_RESPONSE: '7',
      RATE_LIMIT_PER_CLIENT_RPS: '11',
      TRUST_PROXY: '2',
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_REQUEST_TIMEOUT_MS: '3000',
      HTTP_MAX_CONNECTIONS: '13',
      WS_CONNECTION_INIT_TIMEOUT_MS: '400',
      SUBSCRIPTIONS_MAX_CONNECTIONS_PER_CLIENT: '5',
      SUBSCRIPTIONS_MAX_PER_CLIENT: '6',
      SUBSCRIBE_RATE_PER_CLIENT: '8',
      PERSISTED_QUERIES_TTL_SECONDS: '60',
      PERSISTED_QUERIES_MAX_BYTES: '4096',
      PERSISTED_QUERY_MAX_BYTES: '512',
      PERSISTED_QUERIES_SAFELIST: 'true',
    });
    expect(config.security).toEqual({
      writeScope: 'jobs:write',
      s3AllowedPrefixes: ['s3://a-bucket/x/'],
      exposeAccountIds: true,
      federation: { mode: 'secret', secret: SECRET },
      maxErrorsPerResponse: 7,
      rateLimitPerClientRps: 11,
      trustProxy: 2,
      http: { headersTimeoutMs: 2_000, requestTimeoutMs: 3_000, maxConnections: 13 },
      webSocket: { connectionInitTimeoutMs: 400, maxConnectionsPerClient: 5, maxSubscriptionsPerClient: 6, subscribeRatePerClient: 8 },
      persistedQueries: { ttlSeconds: 60, maxBytes: 4_096, maxQueryBytes: 512, safelist: true },
    });
    expect(config.auth?.writeApiKeys).toEqual(['k'.repeat(16)]);
  });

  it('gives each refusal its own message, naming the variable', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_ALGORITHMS: 'HS256,XX1' })).toContain(
      'AUTH_JWT_ALGORITHMS.1: each must be one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA',
    );
    expect(refusal({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_ALGORITHMS: ' , ' })).toContain('AUTH_JWT_ALGORITHMS: must name at least one algorithm');
    expect(refusal({ AUTH_WRITE_SCOPE: 'a b' })).toContain('AUTH_WRITE_SCOPE: must be one scope (no spaces)');
    expect(refusal({ GLUE_S3_ALLOWED_PREFIXES: 's3://a-bucket/x' })).toContain('GLUE_S3_ALLOWED_PREFIXES.0: each must be s3://bucket/ or s3://bucket/prefix/ (ending in /)');
    expect(refusal({ FEDERATION_ROUTER_SECRET: 'x'.repeat(31) })).toContain('FEDERATION_ROUTER_SECRET: must be at least 32 characters');
    expect(refusal({ HTTP_HEADERS_TIMEOUT_MS: '3001', HTTP_REQUEST_TIMEOUT_MS: '3000' })).toContain('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
    expect(refusal({ AUTH_API_KEYS: 'k'.repeat(16), AUTH_WRITE_API_KEYS: `${'k'.repeat(16)},${'w'.repeat(16)}` })).toContain(
      'AUTH_WRITE_API_KEYS: every key must also be listed in AUTH_API_KEYS',
    );
    // Equal timeouts are fine; so are HS384/HS512 with a secret and RS*/ES*/PS*/EdDSA with a JWKS.
    expect(loadConfig({ ...base, HTTP_HEADERS_TIMEOUT_MS: '3000', HTTP_REQUEST_TIMEOUT_MS: '3000' }).security.http.headersTimeoutMs).toBe(3_000);
    expect(loadConfig({ ...base, AUTH_JWT_SECRET: SECRET, AUTH_JWT_ALGORITHMS: 'HS384,HS512' }).auth?.algorithms).toEqual(['HS384', 'HS512']);
    expect(loadConfig({ ...base, AUTH_JWKS_URL: 'https://idp.test/j', AUTH_JWT_ALGORITHMS: 'PS256,EdDSA,ES512' }).auth?.algorithms).toEqual(['PS256', 'EdDSA', 'ES512']);
  });
});
