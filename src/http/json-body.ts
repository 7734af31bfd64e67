/**
 * Reads a request's JSON body for /graphql with the semantics of `express.json()` (body-parser, strict
 * mode), without its per-request machinery: only `application/json` bodies are parsed (anything else
 * leaves the body undefined, for Apollo's CSRF prevention and its own errors), an empty body is `{}`,
 * the top level must be an object or array, and a body over the limit is refused with 413 after the
 * request has been read off. Compressed bodies and charsets other than UTF-8 are rare: they go to
 * body-parser itself, loaded on first use.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The shape body-parser's errors have, which describeHttpError (errors.ts) turns into a response. */
export interface BodyError {
  status: number;
  type: string;
  limit?: number;
}

/**
 * A body read here (plain UTF-8 JSON) comes as `text`, parsed only by `parseJsonBody` (the hot response
 * cache answers from the text alone); one read by body-parser comes parsed, as `body`.
 */
export type BodyResult = { ok: true; body?: unknown; text?: string } | { ok: false; error: BodyError };

/** `application/json`, any case, with or without parameters (type-is's match for body-parser's default type). */
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;
/** Parameters body-parser reads without help: none, or a UTF-8 charset. */
const PLAIN_UTF8 = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number.parseInt(req.headers['content-length'] ?? '', 10));
}

/** The parsed body of a BodyResult, with body-parser's strict rules for `text`. */
export function parseJsonBody(read: BodyResult & { ok: true }): BodyResult {
  return read.text === undefined ? read : parseStrict(read.text);
}

function parseStrict(text: string): BodyResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // iconv-lite strips a UTF-8 BOM too
  if (body.length === 0) return { ok: true, body: {}, text };
  const first = body[0] === '{' || body[0] === '[' ? body[0] : FIRST_NON_WHITESPACE.exec(body)?.[1];
  if (first !== '{' && first !== '[') return { ok: false, error: { status: 400, type: 'entity.parse.failed' } };
  try {
    return { ok: true, body: JSON.parse(body) as unknown, text };
  } catch {
    return { ok: false, error: { status: 400, type: 'entity.parse.failed' } };
  }
}

/** Discards the rest of the request, then answers: a client still sending would otherwise see a reset. */
function drain(req: IncomingMessage, result: BodyResult): Promise<BodyResult> {
  return new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve(result);
    req.removeAllListeners('data');
    req.on('end', () => resolve(result));
    req.on('close', () => resolve(result));
    req.resume();
  });
}

function readPlain(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const tooLarge: BodyResult = { ok: false, error: { status: 413, type: 'entity.too.large', limit } };
  const declared = Number.parseInt(req.headers['content-length'] ?? '', 10);
  if (declared > limit) return drain(req, tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        chunks.length = 0;
        resolve(drain(req, tooLarge));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (received > limit) return;
      resolve({ ok: true, text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8') });
    });
    // An aborted request has no one left to answer; the promise just never matters.
    req.on('error', () => resolve({ ok: false, error: { status: 400, type: 'request.aborted' } }));
  });
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
let bodyParserJson: Promise<(limit: number) => Middleware> | undefined;

/** body-parser for what the plain reader does not do (inflating, UTF-16/32), loaded on first use. */
async function readWithBodyParser(req: IncomingMessage, res: ServerResponse, limit: number): Promise<BodyResult> {
  bodyParserJson ??= import('body-parser').then((m) => (l: number) => m.default.json({ limit: l }) as Middleware);
  const parser = (await bodyParserJson)(limit);
  return new Promise((resolve) => {
    parser(req, res, (err) => {
      if (err) resolve({ ok: false, error: err as BodyError });
      else resolve({ ok: true, body: (req as { body?: unknown }).body });
    });
  });
}

export function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<BodyResult> | BodyResult {
  const type = req.headers['content-type'];
  if (!hasBody(req) || type === undefined || !JSON_MEDIA_TYPE.test(type)) return { ok: true, body: undefined };
  const encoding = req.headers['content-encoding'];
  if ((encoding === undefined || encoding.toLowerCase() === 'identity') && PLAIN_UTF8.test(type)) return readPlain(req, limit);
  return readWithBodyParser(req, res, limit);
}
