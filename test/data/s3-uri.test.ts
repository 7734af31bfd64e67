import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s3UriProblem } from '../../src/data/s3-uri.js';

// Glue's model puts no constraint on S3 paths: only what cannot be an s3://bucket/key URI is refused.
const LEGACY_BUCKET_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-';
/** Every bucket name S3 accepts, legacy us-east-1 ones included: up to 255 of letters, digits, ".", "_", "-". */
const bucket = fc.string({ unit: fc.constantFrom(...LEGACY_BUCKET_CHARS), minLength: 1, maxLength: 255 });
const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f);
/** Keys of any printable text, non-ASCII and astral characters included. */
const key = fc.string({ unit: 'grapheme', maxLength: 60 }).filter((k) => ![...k].some((ch) => isControl(ch.codePointAt(0)!)));
const control = fc.integer({ min: 0, max: 0x9f }).filter(isControl).map((c) => String.fromCharCode(c));

describe('s3UriProblem', () => {
  it('accepts s3://bucket/key for every bucket name S3 accepts and any printable key', () => {
    fc.assert(
      fc.property(bucket, key, (b, k) => {
        expect(s3UriProblem(`s3://${b}/${k}`)).toBeUndefined();
        expect(s3UriProblem(`s3://${b}`)).toBeUndefined();
      }),
    );
  });

  it('accepts the legacy us-east-1 names the old check refused', () => {
    for (const uri of ['s3://My_Bucket/x', 's3://UPPER/x', 's3://ab/x', `s3://${'a'.repeat(255)}/x`, 's3://a..b/x', 's3://-dash-/x']) {
      expect(s3UriProblem(uri)).toBeUndefined();
    }
  });

  it('refuses a control character (C0, DEL or C1) anywhere', () => {
    fc.assert(
      fc.property(bucket, key, control, fc.boolean(), (b, k, c, inBucket) => {
        const uri = inBucket ? `s3://${b}${c}/${k}` : `s3://${b}/${k}${c}`;
        expect(s3UriProblem(uri)).toBe('contains a control character');
      }),
    );
  });

  it.each([
    ['', 'must be an S3 URI of the form s3://bucket/key'],
    ['bucket/key', 'must be an S3 URI of the form s3://bucket/key'],
    ['https://bucket.s3.amazonaws.com/key', 'must be an S3 URI of the form s3://bucket/key'],
    ['S3://bucket/key', 'must be an S3 URI of the form s3://bucket/key'],
    ['s3://', 'the bucket name is empty'],
    ['s3:///key', 'the bucket name is empty'],
  ])('refuses %j: %s', (uri, problem) => {
    expect(s3UriProblem(uri)).toBe(problem);
  });
});
