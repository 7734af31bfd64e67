/**
 * Checks ids against Glue's `HashString` constraints before any call, so a bad id costs the caller
 * a precise BAD_USER_INPUT and costs Glue (and our rate budget) nothing.
 */
import { badUserInput } from '../errors.js';

/** Glue's HashString pattern: printable Unicode and tab; a lone surrogate is not a character. */
const HASH_STRING = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\t]*$/u;
const HASH_STRING_MIN = 1;
const HASH_STRING_MAX = 255;

/** Returns why `value` is not a valid Glue id, or undefined when it is. Length counts UTF-16 units, as Glue does. */
export function hashStringProblem(value: string): string | undefined {
  if (value.length < HASH_STRING_MIN) return 'must not be empty';
  if (value.length > HASH_STRING_MAX) return `must be at most ${HASH_STRING_MAX} characters (got ${value.length})`;
  if (!HASH_STRING.test(value)) return 'contains a character Glue does not allow (control character or lone surrogate)';
  return undefined;
}

/** Throws BAD_USER_INPUT naming `argumentName` when `value` is not a valid Glue id. */
export function assertGlueId(argumentName: string, value: string): void {
  const problem = hashStringProblem(value);
  if (problem) throw badUserInput(`Invalid argument "${argumentName}": ${problem}.`, argumentName);
}
