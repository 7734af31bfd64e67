/**
 * Checks an Amazon S3 location before a Start* call, so a typo costs the caller a precise
 * BAD_USER_INPUT naming the argument, and costs Glue (and our rate budget) nothing.
 */
import { badUserInput } from '../errors.js';

/** S3's bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens, alphanumeric at both ends. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3 object keys are at most 1024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001F\u007F]/;

/** Returns why `value` is not an `s3://bucket/key` URI, or undefined when it is one. */
export function s3UriProblem(value: string): string | undefined {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(value);
  if (!match) return 'must be an S3 URI of the form s3://bucket/key';
  const [, bucket = '', key = ''] = match;
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    return `"${bucket}" is not a valid S3 bucket name (3–63 lowercase letters, digits, dots and hyphens)`;
  }
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `the key must be at most ${MAX_KEY_BYTES} bytes`;
  if (CONTROL.test(key)) return 'the key contains a control character';
  return undefined;
}

/** Throws BAD_USER_INPUT naming `argumentName` when `value` is not an S3 URI. */
export function assertS3Uri(argumentName: string, value: string): void {
  const problem = s3UriProblem(value);
  if (problem) throw badUserInput(`Invalid argument "${argumentName}": ${problem}.`, argumentName);
}
