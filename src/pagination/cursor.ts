/**
 * Opaque connection cursors over Glue's page tokens. Glue's NextToken marks a page boundary only, so a
 * cursor names a position as "the page Glue returns for `token`, then skip `offset` items": every edge
 * gets an honest cursor, not just the last one of a page. A cursor also carries a fingerprint of the
 * query it was issued for (parent id, filter, sort), so using it with another query is refused up front
 * instead of silently paging through a different list.
 */
import { createHash } from 'node:crypto';
import { badUserInput } from '../errors.js';

export interface CursorPosition {
  /** Glue's NextToken to resume from; null for the start of the list. */
  token: string | null;
  /** Items to skip in what Glue returns for `token`. */
  offset: number;
}

interface CursorPayload {
  v: 1;
  /** Query fingerprint. */
  q: string;
  t: string | null;
  o: number;
}

/** Glue's largest page (PageSize max): an offset never needs to be larger than one page. */
const MAX_OFFSET = 1000;

/** A short, stable digest of everything that shapes a list; `parts` must be plain JSON in a fixed order. */
export function queryFingerprint(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export function encodeCursor(fingerprint: string, position: CursorPosition): string {
  const payload: CursorPayload = { v: 1, q: fingerprint, t: position.token, o: position.offset };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The position `cursor` names; BAD_USER_INPUT naming `argumentName` if it is malformed or from another query. */
export function decodeCursor(cursor: string, fingerprint: string, argumentName: string): CursorPosition {
  let payload: Partial<CursorPayload> | null = null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') payload = parsed as Partial<CursorPayload>;
  } catch {
    payload = null;
  }
  const wellFormed =
    payload?.v === 1 &&
    typeof payload.q === 'string' &&
    (payload.t === null || (typeof payload.t === 'string' && payload.t.length > 0)) &&
    Number.isInteger(payload.o) &&
    payload.o! >= 0 &&
    payload.o! <= MAX_OFFSET;
  if (!wellFormed) {
    throw badUserInput(`Invalid argument "${argumentName}": not a cursor this API issued.`, argumentName);
  }
  if (payload!.q !== fingerprint) {
    throw badUserInput(
      `Invalid argument "${argumentName}": the cursor belongs to a different list; use it with the same parent, filter and sort it came from.`,
      argumentName,
    );
  }
  return { token: payload!.t!, offset: payload!.o! };
}
