/**
 * GLUE_S3_ALLOWED_PREFIXES: the S3 locations a mutation may point Glue at (to export labels to, import
 * them from, or write a labeling set to). Glue acts with the gateway's role, so without this bound any
 * caller could make it read or write any bucket that role reaches. Checked after the URI's syntax
 * (s3-uri.ts) and before any call.
 */
import { badUserInput } from '../errors.js';

/** Whether `uri` lies under one of `prefixes` (each `s3://bucket/` or `s3://bucket/prefix/`); any when unset. */
export function isAllowedS3Location(uri: string, prefixes: readonly string[] | undefined): boolean {
  return prefixes === undefined || prefixes.some((prefix) => uri.startsWith(prefix));
}

/** Throws BAD_USER_INPUT naming `argumentName` when `uri` is outside the allowed prefixes. */
export function assertAllowedS3Location(argumentName: string, uri: string, prefixes: readonly string[] | undefined): void {
  if (!isAllowedS3Location(uri, prefixes)) {
    throw badUserInput(`Invalid argument "${argumentName}": this gateway only accepts S3 locations under its allowed prefixes (GLUE_S3_ALLOWED_PREFIXES).`, argumentName);
  }
}
