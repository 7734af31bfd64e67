/**
 * The public `id` fields: opaque, and pure functions of Glue's ids, so they are the same on every
 * request and every replica and clients can normalise runs and transforms by them. `parseGlobalId`
 * turns one back into what it names, for `node(id:)`.
 */
import { badUserInput } from '../errors.js';
import type { TaskRunKey } from '../glue/records.js';
import { hashStringProblem } from '../data/validation.js';

const encode = (parts: string[]) => Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');

export function taskRunGlobalId(key: TaskRunKey): string {
  return encode(['MLTaskRun', key.transformId, key.taskRunId]);
}

export function transformGlobalId(transformId: string): string {
  return encode(['MLTransform', transformId]);
}

/** What a global id names. */
export type GlobalIdTarget = { type: 'MLTaskRun'; key: TaskRunKey } | { type: 'MLTransform'; transformId: string };

/** Longer than any id `encode` makes from two 255-character Glue ids (JSON-escaped, 4 UTF-8 bytes a unit, base64). */
const MAX_GLOBAL_ID_LENGTH = 4096;
/** How much of a bad id an error message quotes. */
const QUOTED_LENGTH = 100;

/** The id as an error message quotes it: JSON-escaped, and cut short when long. */
export function quoteId(id: string): string {
  return JSON.stringify(id.length > QUOTED_LENGTH ? `${id.slice(0, QUOTED_LENGTH)}…` : id);
}

function decode(id: string): unknown {
  if (id.length > MAX_GLOBAL_ID_LENGTH) return undefined;
  const json = Buffer.from(id, 'base64url').toString('utf8');
  try {
    const parts: unknown = JSON.parse(json);
    // Base64 decoding skips stray characters: only the exact encoding of what it decoded is an id.
    return Array.isArray(parts) && parts.every((p) => typeof p === 'string') && encode(parts) === id ? parts : undefined;
  } catch {
    return undefined;
  }
}

function target(parts: string[]): GlobalIdTarget | undefined {
  const [type, ...ids] = parts;
  if (ids.some((part) => hashStringProblem(part) !== undefined)) return undefined;
  if (type === 'MLTaskRun' && ids.length === 2) return { type, key: { transformId: ids[0]!, taskRunId: ids[1]! } };
  if (type === 'MLTransform' && ids.length === 1) return { type, transformId: ids[0]! };
  return undefined;
}

/** What `id` names; BAD_USER_INPUT naming the id (and `argumentName`) when it is not an id this gateway issued. */
export function parseGlobalId(argumentName: string, id: string): GlobalIdTarget {
  const parts = decode(id);
  const found = Array.isArray(parts) ? target(parts as string[]) : undefined;
  if (!found) {
    throw badUserInput(`Invalid argument "${argumentName}": ${quoteId(id)} is not a global id of this schema (an \`id\` of an MLTaskRun or MLTransform).`, argumentName);
  }
  return found;
}
