/**
 * Glue calls made directly by resolvers (listings, mutations) rather than through a loader: a failure
 * becomes the same coded GraphQL error a loader would give, and one warning log line with Glue's
 * request id, so every path to Glue reports errors alike.
 */
import type { Logger } from 'pino';
import { toGraphQLError } from './errors.js';

export interface GlueCallContext {
  logger: Logger;
  config: { debugErrors: boolean };
}

/** Logs a failed Glue call by name and request id only: never the error object (it holds the request). */
export function logUpstreamError(logger: Logger, operation: string, details: Record<string, unknown>, error: unknown): void {
  const e = error as { name?: string; $metadata?: { requestId?: string } };
  logger.warn({ ...details, error: e.name, glueRequestId: e.$metadata?.requestId }, `${operation} failed`);
}

export async function callGlue<T>(
  context: GlueCallContext,
  operation: string,
  details: Record<string, unknown>,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    logUpstreamError(context.logger, operation, details, error);
    const clientValues = Object.values(details).filter((v): v is string => typeof v === 'string');
    throw toGraphQLError(error, { debug: context.config.debugErrors, clientValues });
  }
}
