/**
 * Structured JSON logs (pino). Redaction is configured here, once, so no call site can leak an
 * Authorization header or credential by logging a request or an error object.
 */
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export function createLogger(level: Config['logLevel']): Logger {
  // Asynchronous writes to stdout: one line per operation must not cost a blocking write each
  // (index.ts flushes before the process exits).
  const destination = pino.destination({ dest: 1, sync: false });
  return pino({
    level,
    base: { service: 'glue-ml-graphql' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'headers.authorization',
        '*.credentials',
        '*.secretAccessKey',
        '*.sessionToken',
      ],
      censor: '[redacted]',
    },
  }, destination);
}
