// Keyset pagination: a NextToken names the sort key and id of the last item returned, not an offset,
// so items added between pages never shift or repeat the items a client has yet to see.
import { createHash } from 'node:crypto';
import { invalidInput } from '../protocol/errors.js';

export type SortKey = string | number | null;

export interface PageQuery<T> {
  items: readonly T[];
  sortKey: (item: T) => SortKey;
  id: (item: T) => string;
  descending: boolean;
  maxResults: number;
  nextToken?: string;
  /** Everything that shapes the result set (filter, sort, parent id): a token only fits the query it came from. */
  query: unknown;
}

interface Cursor {
  q: string;
  k: SortKey;
  i: string;
}

// Missing keys (e.g. a raw run without StartedOn) sort before every value, ascending.
function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

const queryHash = (query: unknown): string =>
  createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);

function decodeCursor(token: string, hash: string): Cursor {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  const keyOk = cursor && (cursor.k === null || typeof cursor.k === 'string' || typeof cursor.k === 'number');
  if (!cursor || !keyOk || typeof cursor.i !== 'string' || cursor.q !== hash) {
    // Glue rejects a token it did not issue for this request as invalid input.
    throw invalidInput('Invalid pagination token.');
  }
  return cursor as Cursor;
}

export function paginate<T>(page: PageQuery<T>): { items: T[]; nextToken?: string } {
  const direction = page.descending ? -1 : 1;
  // Ties on the sort key are broken by id, so the order is total and a cursor is unambiguous.
  const compare = (aKey: SortKey, aId: string, bKey: SortKey, bId: string): number =>
    direction * (compareKeys(aKey, bKey) || (aId < bId ? -1 : aId > bId ? 1 : 0));

  const hash = queryHash(page.query);
  const cursor = page.nextToken === undefined ? undefined : decodeCursor(page.nextToken, hash);
  const sorted = [...page.items].sort((a, b) => compare(page.sortKey(a), page.id(a), page.sortKey(b), page.id(b)));
  const remaining = cursor
    ? sorted.filter((item) => compare(page.sortKey(item), page.id(item), cursor.k, cursor.i) > 0)
    : sorted;

  const items = remaining.slice(0, page.maxResults);
  const last = items.at(-1);
  if (remaining.length <= page.maxResults || last === undefined) return { items };
  const next: Cursor = { q: hash, k: page.sortKey(last), i: page.id(last) };
  return { items, nextToken: Buffer.from(JSON.stringify(next)).toString('base64url') };
}
