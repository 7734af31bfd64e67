/**
 * Express's last-resort error handler. Body-parser failures (malformed JSON, an oversized body, a
 * bad charset) would otherwise reach Express's default handler, which answers in HTML and, outside
 * production, with a stack trace. Here they become a GraphQL-shaped JSON error with a 4xx status.
 */
import type { ErrorRequestHandler } from 'express';
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

export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: HttpError, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const raw = err.status ?? err.statusCode ?? 500;
    const status = raw >= 400 && raw < 600 ? raw : 500;
    const { code, message } = describe(err, status);
    if (status >= 500) logger.error({ err }, 'Unhandled HTTP error');
    else logger.debug({ status, type: err.type }, 'Rejected malformed HTTP request');
    res.status(status).json(errorResponseBody(code, message));
  };
}
