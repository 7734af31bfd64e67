// Empty means unset: compose and Kubernetes write a variable nobody set as an empty one, and the
// gateway must treat it exactly like an absent one, for every kind of variable and for the AWS SDK.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlueClient } from '@aws-sdk/client-glue';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { unsetEmptyVariables, withoutEmptyValues } from '../../src/empty-env.js';

const base = { GLUE_ENDPOINT: 'http://127.0.0.1:1' };

describe('an empty variable counts as unset in loadConfig', () => {
  it('URLs: GLUE_ENDPOINT, REDIS_URL, AUTH_JWKS_URL, OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    const config = loadConfig({ ...base, REDIS_URL: '', AUTH_JWKS_URL: '', OTEL_EXPORTER_OTLP_ENDPOINT: '  ' });
    expect(config.cache.redisUrl).toBeUndefined();
    expect(config.auth).toBeUndefined();
    expect(config.tracing.otlpEndpoint).toBeUndefined();
    expect(loadConfig({ GLUE_ENDPOINT: '', NODE_ENV: 'development' }).upstream.kind).toBe('embedded-emulator');
  });

  it('numbers take their defaults (an empty METRICS_PORT is no port at all, not port 0)', () => {
    const config = loadConfig({ ...base, PORT: '', GLUE_MAX_CONCURRENCY: '', SHUTDOWN_GRACE_MS: '', METRICS_PORT: '', EMULATOR_CLOCK_SPEED: '' });
    expect(config.port).toBe(4000);
    expect(config.glue.maxConcurrency).toBe(10);
    expect(config.shutdown.graceMs).toBe(10_000);
    expect(config.metricsPort).toBeUndefined();
  });

  it('booleans take their defaults, including the ones that depend on NODE_ENV', () => {
    const config = loadConfig({ ...base, NODE_ENV: 'production', GRAPHQL_MUTATIONS: '', METRICS_ENABLED: '', GRAPHQL_INTROSPECTION: '', GRAPHQL_SANDBOX: '' });
    expect(config.mutations).toBe(false);
    expect(config.metricsEnabled).toBe(true);
    expect(config.introspection).toBe(false);
    expect(config.sandbox).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: '', GRAPHQL_INTROSPECTION: '' }).introspection).toBe(true);
  });

  it('lists: CORS_ORIGINS and AUTH_API_KEYS', () => {
    const config = loadConfig({ ...base, CORS_ORIGINS: '', AUTH_API_KEYS: '' });
    expect(config.cors.origins).toEqual([]);
    expect(config.auth).toBeUndefined();
    expect(config.cacheControl.scope).toBe('PUBLIC');
  });

  it('AWS variables: GLUE_ENDPOINT= AWS_REGION= AWS_PROFILE= in development uses the embedded emulator', () => {
    const config = loadConfig({ NODE_ENV: 'development', GLUE_ENDPOINT: '', AWS_REGION: '', AWS_PROFILE: '', AWS_DEFAULT_REGION: '' });
    expect(config.upstream).toEqual({ kind: 'embedded-emulator', clockSpeed: 1 });
  });

  it('AWS variables: an empty AWS_REGION falls back to AWS_DEFAULT_REGION, and an empty one of those to us-east-1', () => {
    expect(loadConfig({ ...base, AWS_REGION: '', AWS_DEFAULT_REGION: 'eu-west-1' }).upstream).toMatchObject({ kind: 'aws', region: 'eu-west-1' });
    expect(loadConfig({ ...base, AWS_REGION: '', AWS_DEFAULT_REGION: '' }).upstream).toMatchObject({ kind: 'aws', region: 'us-east-1' });
  });

  it('AWS variables: in production, empty ones are reported as not configured, not as too short', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production', GLUE_ENDPOINT: '', AWS_REGION: '', AWS_PROFILE: '' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/AWS_REGION: no Glue upstream is configured/);
    expect(attempt).not.toThrow(/Too small/);
  });

  it('a non-empty invalid value is still refused', () => {
    expect(() => loadConfig({ ...base, METRICS_PORT: 'none' })).toThrow(/METRICS_PORT: must be a whole number/);
    expect(() => loadConfig({ ...base, GRAPHQL_MUTATIONS: 'maybe' })).toThrow(/GRAPHQL_MUTATIONS/);
  });
});

describe('unsetEmptyVariables (the entry point runs it on process.env)', () => {
  const saved = { ...process.env };
  const dirs: string[] = [];
  afterEach(async () => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('removes empty variables in place and leaves the others', () => {
    const env: NodeJS.ProcessEnv = { A: '', B: ' ', C: 'x', D: '0' };
    expect(unsetEmptyVariables(env)).toEqual(['A', 'B']);
    expect(env).toEqual({ C: 'x', D: '0' });
    expect(withoutEmptyValues({ A: '', C: 'x' })).toEqual({ C: 'x' });
  });

  it('lets the AWS SDK resolve its region from the profile when AWS_REGION is empty (it refuses "" itself)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-config-'));
    dirs.push(dir);
    await writeFile(join(dir, 'config'), '[default]\nregion = eu-west-1\n');
    Object.assign(process.env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_REGION: '', AWS_PROFILE: '' });
    await expect(new GlueClient({}).config.region()).rejects.toThrow(/Region not accepted/);
    unsetEmptyVariables(process.env);
    expect(await new GlueClient({}).config.region()).toBe('eu-west-1');
  });
});
