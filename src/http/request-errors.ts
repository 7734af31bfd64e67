/**
 * Express's last error handler. Body parsing fails before Apollo sees a request (malformed JSON, a body
 * over the limit, an unsupported charset); Express's default handler would answer with an HTML page
 * (with a stack trace outside production) and print the stack. This one answers in GraphQL's error
 * format with the parser's 4xx status, and logs one line without a stack.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** body-parser's error types, mapped to messages that are safe to show (they never echo the body). */
const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, message: 'The request body is too large.' },
  'entity.verify.failed': { status: 400, message: 'The request body could not be verified.' },
  'request.aborted': { status: 400, message: 'The request was aborted before its body was read.' },
  'request.size.invalid': { status: 400, message: 'The request body does not match its Content-Length.' },
  'charset.unsupported': { status: 415, message: 'The request body has an unsupported charset.' },
  'encoding.unsupported': { status: 415, message: 'The request body has an unsupported Content-Encoding.' },
};

export function requestErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const type = (err as { type?: unknown }).type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    const status = known?.status ?? 500;
    const message = known?.message ?? 'Internal server error.';
    const code = known ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const log = { method: req.method, path: req.path, status, error: typeof type === 'string' ? type : (err as Error)?.name };
    if (known) logger.info(log, 'Rejected request');
    else logger.error({ ...log, reason: (err as Error)?.message }, 'Request failed');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
