/**
 * Checks an Amazon S3 location before a Start* call. Glue's model puts no constraint on these paths,
 * so the check refuses only what cannot be an `s3://bucket/key` URI at all: every bucket name S3
 * accepts passes, legacy us-east-1 names (uppercase, underscores, up to 255 characters) included, and
 * Glue answers for the rest. A refusal costs the caller a precise BAD_USER_INPUT naming the argument,
 * and costs Glue (and our rate budget) nothing.
 */
import { badUserInput } from '../errors.js';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Returns why `value` is not an `s3://bucket/key` URI, or undefined when it is one. */
export function s3UriProblem(value: string): string | undefined {
  const match = /^s3:\/\/([^/]*)/.exec(value);
  if (!match) return 'must be an S3 URI of the form s3://bucket/key';
  if (match[1] === '') return 'the bucket name is empty';
  // C0 controls, DEL and the C1 controls (U+0080–U+009F): a URI (RFC 3986) cannot carry them unescaped.
  if (CONTROL.test(value)) return 'contains a control character';
  return undefined;
}

/** Throws BAD_USER_INPUT naming `argumentName` when `value` is not an S3 URI. */
export function assertS3Uri(argumentName: string, value: string): void {
  const problem = s3UriProblem(value);
  if (problem) throw badUserInput(`Invalid argument "${argumentName}": ${problem}.`, argumentName);
}
