/**
 * The last step before an error leaves the process. Guarantees every error has `code` and
 * `retryable`, and that unexpected failures reach clients as a bare "Internal server error"
 * (their details go to the log), unless the development-only debug setting is on.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { debug: boolean },
): GraphQLFormattedError {
  const extensions = { ...formatted.extensions };
  extensions.code ??= 'INTERNAL_SERVER_ERROR';
  extensions.retryable ??= false;
  const original = unwrapResolverError(error);
  const isGatewayError = original instanceof Error && 'extensions' in original;
  if (extensions.code === 'INTERNAL_SERVER_ERROR' && !isGatewayError && !options.debug) {
    delete extensions.stacktrace;
    return { ...formatted, message: 'Internal server error.', extensions };
  }
  return { ...formatted, extensions };
}
