// Glue behaviours the emulator does not show (short pages, empty pages that still carry a token) and
// the cursor arithmetic behind them, checked against a scripted list operation.
import { describe, expect, it } from 'vitest';
import type { GluePage } from '../../src/glue/operations.js';
import { fetchConnection, type Connection } from '../../src/pagination/connection.js';
import { queryFingerprint } from '../../src/pagination/cursor.js';

const fingerprint = queryFingerprint(['test']);

/**
 * A list of `total` items whose pages hold at most `pageCap` items whatever MaxResults asks for, and
 * where each token in `emptyAt` first yields an empty page with a token to the same position.
 */
function scriptedList(total: number, pageCap = Infinity, emptyAt: number[] = []) {
  const items = Array.from({ length: total }, (_, i) => `item-${i}`);
  const calls: Array<{ nextToken?: string; maxResults: number }> = [];
  const emptied = new Set<number>();
  const fetchPage = async (nextToken: string | undefined, maxResults: number): Promise<GluePage<string>> => {
    calls.push({ nextToken, maxResults });
    expect(maxResults).toBeGreaterThanOrEqual(1);
    expect(maxResults).toBeLessThanOrEqual(1000);
    const start = nextToken === undefined ? 0 : Number(nextToken);
    if (emptyAt.includes(start) && !emptied.has(start)) {
      emptied.add(start);
      return { items: [], nextToken: String(start) };
    }
    const end = Math.min(total, start + Math.min(maxResults, pageCap));
    return { items: items.slice(start, end), nextToken: end < total ? String(end) : undefined };
  };
  return { items, calls, fetchPage };
}

async function walk(list: ReturnType<typeof scriptedList>, first: number) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: Connection<string> = await fetchConnection(list.fetchPage, { first, after, fingerprint });
    seen.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('did not finish');
}

describe('fetchConnection', () => {
  it('asks Glue for exactly one page of `first` items and resumes at Glue\'s token', async () => {
    const list = scriptedList(25);
    expect(await walk(list, 10)).toEqual(list.items);
    expect(list.calls).toEqual([
      { nextToken: undefined, maxResults: 10 },
      { nextToken: '10', maxResults: 10 },
      { nextToken: '20', maxResults: 10 },
    ]);
  });

  it('fills a page across short Glue pages and empty pages that carry a token', async () => {
    const list = scriptedList(40, 3, [6, 12]);
    expect(await walk(list, 10)).toEqual(list.items);
  });

  it('resumes after any edge, even one in the middle of a Glue page', async () => {
    const list = scriptedList(30, 4);
    const page = await fetchConnection(list.fetchPage, { first: 10, after: null, fingerprint });
    for (const [i, edge] of page.edges.entries()) {
      const next = await fetchConnection(list.fetchPage, { first: 5, after: edge.cursor, fingerprint });
      expect(next.edges.map((e) => e.node)).toEqual(list.items.slice(i + 1, i + 6));
    }
  });

  it('caps every request at 1000 even when skipping into a page needs more', async () => {
    const list = scriptedList(2500);
    const firstPage = await fetchConnection(list.fetchPage, { first: 1000, after: null, fingerprint });
    // A cursor 999 items into the page Glue returned from the start: 999 to skip, 1000 to take.
    const next = await fetchConnection(list.fetchPage, { first: 1000, after: firstPage.edges[998]!.cursor, fingerprint });
    expect(next.edges.map((e) => e.node)).toEqual(list.items.slice(999, 1999));
    expect(next.pageInfo.hasNextPage).toBe(true);
  });

  it('an empty list is one empty page with null cursors', async () => {
    const list = scriptedList(0);
    const page = await fetchConnection(list.fetchPage, { first: 5, after: null, fingerprint });
    expect(page).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it('first: 0 asks for Glue\'s smallest page and tells only whether items follow', async () => {
    const empty = { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
    expect(await fetchConnection(scriptedList(0).fetchPage, { first: 0, after: null, fingerprint })).toEqual(empty);
    const list = scriptedList(3);
    const page = await fetchConnection(list.fetchPage, { first: 0, after: null, fingerprint });
    expect(page).toEqual({ ...empty, pageInfo: { ...empty.pageInfo, hasNextPage: true } });
    expect(list.calls).toEqual([{ nextToken: undefined, maxResults: 1 }]);
    // Mid-page cursors resume at an offset: still exact.
    const [, second, third] = (await fetchConnection(list.fetchPage, { first: 3, after: null, fingerprint })).edges;
    expect((await fetchConnection(list.fetchPage, { first: 0, after: second!.cursor, fingerprint })).pageInfo.hasNextPage).toBe(true);
    expect((await fetchConnection(list.fetchPage, { first: 0, after: third!.cursor, fingerprint })).pageInfo.hasNextPage).toBe(false);
  });
});
