/**
 * Structured JSON logs (pino). Redaction is configured here, once, so no call site can leak an
 * Authorization header or credential by logging a request or an error object.
 */
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export function createLogger(level: Config['logLevel']): Logger {
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
  });
}
