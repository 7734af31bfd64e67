/**
 * The last step before an error leaves the process. Guarantees every error has `code` and
 * `retryable`, and that unexpected failures reach clients as a bare "Internal server error"
 * (their details go to the log), unless the development-only debug setting is on.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/**
 * Apollo refuses some requests with a bare GraphQLError marked only with a 4xx HTTP status (e.g. an
 * APQ hash that does not match its query): the client's mistake, so BAD_REQUEST, not a server error.
 */
function isUncodedClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { debug: boolean },
): GraphQLFormattedError {
  const extensions = { ...formatted.extensions };
  const original = unwrapResolverError(error);
  if (isUncodedClientError(original)) extensions.code = 'BAD_REQUEST';
  extensions.code ??= 'INTERNAL_SERVER_ERROR';
  extensions.retryable ??= false;
  const isGatewayError = original instanceof Error && 'extensions' in original;
  if (extensions.code === 'INTERNAL_SERVER_ERROR' && !isGatewayError && !options.debug) {
    delete extensions.stacktrace;
    return { ...formatted, message: 'Internal server error.', extensions };
  }
  return { ...formatted, extensions };
}
