import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

describe('/readyz reports whether Glue is reachable, cheaply', () => {
  let fresh: Stack;
  let cached: Stack;
  beforeAll(async () => {
    fresh = await startStack({ env: { READINESS_CACHE_MS: '0', GLUE_MAX_ATTEMPTS: '1' } });
    cached = await startStack({ env: { READINESS_CACHE_MS: '60000' } });
  });
  afterAll(async () => {
    await fresh.close();
    await cached.close();
  });

  it('is 200 while Glue answers and 503 with the reason while it does not; /healthz stays 200', async () => {
    const readyz = new URL('/readyz', fresh.url);
    expect((await fetch(readyz)).status).toBe(200);
    fresh.emulator.faults.add({ effect: 'InternalServiceException', operation: 'GetMLTransforms' });
    const down = await fetch(readyz);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', reason: 'Glue: UPSTREAM_UNAVAILABLE' });
    expect((await fetch(new URL('/healthz', fresh.url))).status).toBe(200);
    fresh.emulator.faults.clear();
    expect((await fetch(readyz)).status).toBe(200);
  });

  it('shares one Glue call between concurrent probes and caches it (READINESS_CACHE_MS)', async () => {
    cached.emulator.stats.reset();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(new URL('/readyz', cached.url)).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await fetch(new URL('/readyz', cached.url))).status).toBe(200);
    expect(cached.emulator.stats.calls.GetMLTransforms).toBe(1);
  });
});
