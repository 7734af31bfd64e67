import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFLIGHT_MAX_AGE_SECONDS } from '../../src/http/cors.js';
import { DEMO } from '../../src/emulator/index.js';
import { get } from '../helpers/http.js';
import { startStack, type Stack } from '../helpers/stack.js';

const APP = 'https://status.example.com';
const QUERY = `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { id status } }`;

/** What a browser sends before a cross-origin GET with a custom header (or a JSON POST). */
function preflight(url: string, origin: string, method = 'GET', headers = 'apollo-require-preflight'): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
}

describe('CORS with CORS_ORIGINS (outside development: no other origin)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'production', CORS_ORIGINS: `${APP}, https://admin.example.com/` } });
  });
  afterAll(() => stack.close());

  it('answers a preflight from an allowed origin with that origin, the methods and a max-age', async () => {
    const res = await preflight(stack.url, APP, 'POST', 'content-type');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(res.headers.get('access-control-max-age')).toBe(String(PREFLIGHT_MAX_AGE_SECONDS));
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/origin/i);
    // An entry written with a trailing slash matches the Origin header browsers send.
    const admin = await preflight(stack.url, 'https://admin.example.com');
    expect(admin.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
  });

  it('gives a disallowed origin no Access-Control-Allow-Origin, so the browser blocks it', async () => {
    for (const origin of ['https://evil.example.com', 'http://localhost:5173', 'https://status.example.com.evil.net', 'null']) {
      const res = await preflight(stack.url, origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(res.headers.get('access-control-allow-methods'), origin).toBeNull();
    }
  });

  it('marks the actual cross-origin response for the allowed origin only, and varies on Origin', async () => {
    const allowed = await get(stack.url, { query: QUERY }, { origin: APP });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    // A CDN keys a cached GET by URL plus these: Origin (CORS headers) and Accept (media type, status).
    expect(allowed.headers.get('vary')?.toLowerCase().split(/\s*,\s*/).sort()).toEqual(['accept', 'origin']);
    expect(allowed.headers.get('x-powered-by')).toBeNull();
    const other = await get(stack.url, { query: QUERY }, { origin: 'https://evil.example.com' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('varies on Origin and Accept whatever the Origin, so a CDN never serves a cached answer to another origin', async () => {
    const vary = (res: Response) => res.headers.get('vary')?.toLowerCase().split(/\s*,\s*/).sort();
    for (const headers of [{}, { origin: 'https://evil.example.com' }, { origin: APP }] as Record<string, string>[]) {
      const res = await get(stack.url, { query: QUERY }, headers);
      expect(res.status).toBe(200);
      // Cacheable by a CDN (a finished run), so the cache key must include both.
      expect(res.headers.get('cache-control'), JSON.stringify(headers)).toBe('max-age=300, public');
      expect(vary(res), JSON.stringify(headers)).toEqual(['accept', 'origin']);
    }
  });
});

describe('CORS in development', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'development' } });
  });
  afterAll(() => stack.close());

  it('allows localhost on any port, and nothing else that is not configured', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:4173', 'http://[::1]:8080', 'http://localhost']) {
      expect((await preflight(stack.url, origin)).headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    for (const origin of ['http://localhost.evil.net', 'http://192.168.1.2:5173', APP]) {
      expect((await preflight(stack.url, origin)).headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});

describe('CORS with authentication on', () => {
  const API_KEY = 'key-0123456789abcdef';
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { CORS_ORIGINS: APP, AUTH_API_KEYS: API_KEY } });
  });
  afterAll(() => stack.close());

  it('answers preflights without credentials and allows the credential headers', async () => {
    const res = await preflight(stack.url, APP, 'GET', 'apollo-require-preflight,x-api-key,authorization');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-headers')).toBe('apollo-require-preflight,x-api-key,authorization');
  });

  it('lets the page read a 401 (so it can tell the user), and serves it with a key', async () => {
    const refused = await get(stack.url, { query: QUERY }, { origin: APP });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP);
    const served = await get(stack.url, { query: QUERY }, { origin: APP, 'x-api-key': API_KEY });
    expect(served.status).toBe(200);
    expect(served.headers.get('access-control-allow-origin')).toBe(APP);
    // Answers depend on who asks: browsers may cache them, shared caches (CDNs) must not.
    expect(served.headers.get('cache-control')).toBe('max-age=300, private');
  });
});
