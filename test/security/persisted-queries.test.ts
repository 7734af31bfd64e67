// Persisted queries cannot fill memory or Redis, cannot evict cached runs, and in safelist mode only
// the committed operations run. Over real HTTP with Apollo's APQ protocol.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { manifestText } from '../../scripts/safelist.js';
import { DEMO } from '../../src/emulator/index.js';
import { SAFELIST_PATH } from '../../src/security/safelist.js';
import { createPersistedQueryStore } from '../../src/security/persisted-queries.js';
import { post } from '../helpers/http.js';
import { startStack, type Stack } from '../helpers/stack.js';

const sha = (query: string) => createHash('sha256').update(query).digest('hex');
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha(query) } });
const runQuery = (alias: string) =>
  `{ ${alias}: mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { status } }`;

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('the persisted-query store', () => {
  it('registers a query up to PERSISTED_QUERY_MAX_BYTES; a longer one runs but is not kept', async () => {
    stack = await startStack({ env: { PERSISTED_QUERY_MAX_BYTES: '200' } });
    const small = runQuery('a');
    const large = `${runQuery('b')}${' '.repeat(300)}`;
    for (const query of [small, large]) {
      const registered = (await (await post(stack.url, { query, extensions: persisted(query) })).json()) as any;
      expect(registered.errors).toBeUndefined();
    }
    const again = async (query: string) => (await (await post(stack!.url, { extensions: persisted(query) })).json()) as any;
    expect((await again(small)).data.a.status).toBe('SUCCEEDED');
    expect((await again(large)).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('never evicts cached runs, however many queries are registered', async () => {
    stack = await startStack({ env: { CACHE_FINISHED_MAX_ENTRIES: '5' } });
    await stack.query(runQuery('warm'));
    stack.emulator.stats.reset();
    for (let i = 0; i < 40; i += 1) {
      const query = runQuery(`r${i}`);
      await post(stack.url, { query, extensions: persisted(query) });
    }
    // Each registration read the finished run from the cache: 40 lookups, no Glue call.
    expect(stack.emulator.stats.calls.GetMLTaskRun ?? 0).toBe(0);
  });

  it('is bounded in bytes in memory (PERSISTED_QUERIES_MAX_BYTES) and sets a TTL on every entry', async () => {
    const store = createPersistedQueryStore({ ttlSeconds: 60, maxBytes: 2_048, maxQueryBytes: 1_000, safelist: false });
    for (let i = 0; i < 20; i += 1) await store.set(`q${i}`, 'x'.repeat(500));
    const kept = (await Promise.all(Array.from({ length: 20 }, (_, i) => store.get(`q${i}`)))).filter(Boolean);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length * 500).toBeLessThanOrEqual(2_048);
    const seen: Array<number | null | undefined> = [];
    const recording = createPersistedQueryStore({ ttlSeconds: 60, maxBytes: 2_048, maxQueryBytes: 1_000, safelist: false }, {
      get: async () => undefined,
      set: async (_k, _v, options) => void seen.push(options?.ttl),
      delete: async () => true,
    });
    await recording.set('a', 'query', { ttl: 3_600 });
    await recording.set('b', 'query');
    expect(seen).toEqual([60, 60]);
  });
});

describe('safelist mode (PERSISTED_QUERIES_SAFELIST=true)', () => {
  it('runs the committed operations and refuses any other with 403 FORBIDDEN before any Glue call', async () => {
    stack = await startStack({ env: { PERSISTED_QUERIES_SAFELIST: 'true' } });
    const example = readFileSync(new URL('../../examples/task-run.graphql', import.meta.url), 'utf8');
    const variables = JSON.parse(readFileSync(new URL('../../examples/task-run.variables.json', import.meta.url), 'utf8'));
    const allowed = await post(stack.url, { query: example, variables });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as any).errors).toBeUndefined();
    stack.emulator.stats.reset();
    const other = await post(stack.url, { query: runQuery('x') });
    expect(other.status).toBe(403);
    expect(((await other.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('has a committed manifest that matches the examples and the typed client (run `npm run safelist` after changing them)', () => {
    expect(readFileSync(SAFELIST_PATH, 'utf8')).toBe(manifestText());
  });
});
