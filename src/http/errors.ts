/**
 * The last-resort answer of the HTTP layer. Body failures (malformed JSON, an oversized body, a bad
 * charset) and anything thrown outside Apollo become a GraphQL-shaped JSON error with a 4xx status
 * (5xx only for the gateway's own failures), never an HTML page or a stack trace.
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { errorResponseBody, type ErrorCode } from '../errors.js';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
}

function describe(err: HttpError, status: number): { code: ErrorCode; message: string } {
  if (status === 413) {
    return { code: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than the limit of ${err.limit ?? '?'} bytes (MAX_BODY_BYTES).` };
  }
  if (err.type === 'entity.parse.failed') return { code: 'BAD_REQUEST', message: 'Request body is not valid JSON.' };
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported' || status === 415) {
    return { code: 'BAD_REQUEST', message: 'Unsupported request body encoding; send UTF-8 JSON.' };
  }
  if (status < 500) return { code: 'BAD_REQUEST', message: 'Malformed request.' };
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };
}

/** A JSON answer on a plain node:http response (what Express's res.json did). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

export function sendHttpError(res: ServerResponse, err: unknown, logger: Logger): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const e = (err ?? {}) as HttpError;
  const raw = e.status ?? e.statusCode ?? 500;
  const status = raw >= 400 && raw < 600 ? raw : 500;
  const { code, message } = describe(e, status);
  if (status >= 500) logger.error({ err }, 'Unhandled HTTP error');
  else logger.debug({ status, type: e.type }, 'Rejected malformed HTTP request');
  sendJson(res, status, errorResponseBody(code, message));
}

/** Anything no route took. */
export function sendNotFound(res: ServerResponse): void {
  sendJson(res, 404, errorResponseBody('NOT_FOUND', 'Not found.'));
}
