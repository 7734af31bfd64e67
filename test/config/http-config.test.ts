import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { isAllowedOrigin } from '../../src/http/origins.js';

const base = { GLUE_ENDPOINT: 'http://127.0.0.1:1' };

describe('CORS_ORIGINS', () => {
  it('takes a comma-separated list of origins, normalised as browsers send them', () => {
    const config = loadConfig({ ...base, CORS_ORIGINS: ' https://App.Example.com/ ,http://intranet:8080,https://x.example.com:443,https://app.example.com' });
    expect(config.cors.origins).toEqual(['https://app.example.com', 'http://intranet:8080', 'https://x.example.com']);
  });

  it('allows localhost origins only in development, and no origin at all by default otherwise', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).cors).toEqual({ origins: [], allowLocalhost: true });
    for (const NODE_ENV of ['production', 'test']) {
      const policy = loadConfig({ ...base, NODE_ENV }).cors;
      expect(policy).toEqual({ origins: [], allowLocalhost: false });
      expect(isAllowedOrigin('http://localhost:5173', policy)).toBe(false);
    }
  });

  it.each(['*', 'app.example.com', 'https://app.example.com/path', 'https://app.example.com?x=1', 'ftp://files.example.com', 'https://user:pw@app.example.com', 'https://app.example.com?', 'https://app.example.com/#'])(
    'refuses %j, naming the variable',
    (entry) => {
      expect(() => loadConfig({ ...base, CORS_ORIGINS: `https://ok.example.com,${entry}` })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, CORS_ORIGINS: entry })).toThrow(/CORS_ORIGINS: '.*' is not an origin/);
    },
  );
});

describe('CACHE_FINISHED_MAX_AGE and CACHE_IN_PROGRESS_MAX_AGE', () => {
  it('default to 300 s and 0 s', () => {
    expect(loadConfig(base).cacheControl).toEqual({ finishedMaxAge: 300, inProgressMaxAge: 0, scope: 'PUBLIC' });
    expect(loadConfig({ ...base, CACHE_FINISHED_MAX_AGE: '0' }).cacheControl).toEqual({ finishedMaxAge: 0, inProgressMaxAge: 0, scope: 'PUBLIC' });
    // With authentication on, only the caller's own (browser) cache may keep an answer.
    expect(loadConfig({ ...base, AUTH_API_KEYS: 'key-0123456789abcdef' }).cacheControl.scope).toBe('PRIVATE');
  });

  it.each([
    [{ CACHE_FINISHED_MAX_AGE: '-1' }, /CACHE_FINISHED_MAX_AGE: must be at least 0/],
    [{ CACHE_FINISHED_MAX_AGE: 'five' }, /CACHE_FINISHED_MAX_AGE: must be a whole number/],
    [{ CACHE_IN_PROGRESS_MAX_AGE: '61' }, /CACHE_IN_PROGRESS_MAX_AGE: must be at most 60/],
    [{ CACHE_FINISHED_MAX_AGE: '10', CACHE_IN_PROGRESS_MAX_AGE: '30' }, /CACHE_IN_PROGRESS_MAX_AGE: must not exceed CACHE_FINISHED_MAX_AGE/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});
