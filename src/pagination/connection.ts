/**
 * Relay cursor connections (forward paging: `first`/`after`) over any Glue list operation that pages
 * with MaxResults/NextToken. Asks Glue for exactly the items a page needs, follows NextToken across
 * Glue pages when a page spans them, and gives every edge a cursor that resumes right after it.
 */
import type { GluePage } from '../glue/operations.js';
import { badUserInput } from '../errors.js';
import { decodeCursor, encodeCursor, type CursorPosition } from './cursor.js';

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Glue's PageSize bounds, which `first` inherits. */
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;
/** A page costs at most this many Glue calls, even if Glue keeps answering empty pages with a token. */
const MAX_CALLS_PER_PAGE = 10;

/**
 * `first` as given, or the default; BAD_USER_INPUT outside 0–1000. `first: 0` is an empty page whose
 * pageInfo still says whether items follow (Relay allows it; clients use it to ask "any runs?").
 */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`Invalid argument "first": must be between 0 and ${MAX_PAGE_SIZE} (got ${first}).`, 'first');
  }
  return first;
}

export interface ConnectionRequest {
  first: number | null | undefined;
  after: string | null | undefined;
  /** queryFingerprint() of the list; cursors from another list are refused. */
  fingerprint: string;
}

export async function fetchConnection<T>(
  fetchPage: (nextToken: string | undefined, maxResults: number) => Promise<GluePage<T>>,
  request: ConnectionRequest,
): Promise<Connection<T>> {
  const first = pageSize(request.first);
  const start: CursorPosition =
    request.after === null || request.after === undefined
      ? { token: null, offset: 0 }
      : decodeCursor(request.after, request.fingerprint, 'after');
  const cursor = (position: CursorPosition) => encodeCursor(request.fingerprint, position);

  const edges: Edge<T>[] = [];
  let token = start.token;
  let skip = start.offset;
  let hasNextPage = false;
  for (let calls = 0; calls < MAX_CALLS_PER_PAGE; calls++) {
    // At least one item (Glue's smallest page), so `first: 0` still learns whether any item follows.
    const page = await fetchPage(token ?? undefined, Math.max(1, Math.min(MAX_PAGE_SIZE, skip + first - edges.length)));
    let taken = skip; // index in this Glue page after the last item used
    for (let i = skip; i < page.items.length && edges.length < first; i++, taken = i) {
      // The last item of a Glue page resumes at Glue's own token; any other at its offset in this page.
      const endsPage = i === page.items.length - 1 && page.nextToken !== undefined;
      edges.push({
        node: page.items[i]!,
        cursor: cursor(endsPage ? { token: page.nextToken!, offset: 0 } : { token, offset: i + 1 }),
      });
    }
    skip = Math.max(0, skip - page.items.length);
    const leftInPage = page.items.length > taken;
    hasNextPage = leftInPage || page.nextToken !== undefined;
    if (edges.length >= first || leftInPage || page.nextToken === undefined) break;
    token = page.nextToken;
  }
  return {
    edges,
    pageInfo: {
      hasNextPage,
      // A valid `after` names an item that exists, so items precede this page exactly when it was given.
      hasPreviousPage: request.after !== null && request.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
