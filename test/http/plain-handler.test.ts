// The plain node:http handler keeps what Express and body-parser did at the edges: compressed and
// UTF-16 JSON bodies are read (body-parser, loaded for them), other charsets are refused with a coded
// 4xx, an oversized body is refused by its declared length, HEAD works on health, unknown paths get a
// JSON 404, and nothing in a response names Express.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const BODY = JSON.stringify({ query: '{ __typename }' });

describe('the plain HTTP handler at the edges', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { MAX_BODY_BYTES: '2000' } });
  });
  afterAll(() => stack.close());

  const post = (body: string | Uint8Array, headers: Record<string, string>) => fetch(stack.url, { method: 'POST', headers, body });

  it('reads a gzip-compressed JSON body and a UTF-16 one', async () => {
    const gzip = await post(gzipSync(BODY), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(await gzip.json()).toEqual({ data: { __typename: 'Query' } });
    const utf16 = await post(Buffer.from(BODY, 'utf16le'), { 'content-type': 'application/json; charset=utf-16le' });
    expect(await utf16.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a charset that is not UTF with a coded 415, and a declared length over MAX_BODY_BYTES with 413', async () => {
    const latin1 = await post(BODY, { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect(await latin1.json()).toMatchObject({ errors: [{ message: expect.stringMatching(/UTF-8/), extensions: { code: 'BAD_REQUEST' } }] });
    const big = await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3000) } }), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    // A body with a byte-order mark is still JSON, as body-parser read it.
    const bom = await post(`\uFEFF${BODY}`, { 'content-type': 'application/json' });
    expect(await bom.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers HEAD on health, a JSON 404 elsewhere, and sets no x-powered-by', async () => {
    const head = await fetch(new URL('/healthz', stack.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    const missing = await fetch(new URL('/nowhere', stack.url));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    const ok = await post(BODY, { 'content-type': 'application/json' });
    expect(ok.headers.get('x-powered-by')).toBeNull();
    expect(ok.headers.get('vary')).toBe('Origin, Accept');
  });
});
