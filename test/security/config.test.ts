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
    for (const bad of ['s3://a-bucket', 's3://a-bucket/labels', 'https://a-bucket/', 's3://A_B/']) {
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
