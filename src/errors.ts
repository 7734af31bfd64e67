/**
 * Every error the gateway makes, whatever the path (HTTP, WebSocket, validation, upstream), comes from
 * here: one list of public codes and one factory. The codes are public API: clients switch on them, so
 * a new failure maps to an existing code rather than inventing one.
 */
import { GraphQLError, type ASTNode, type Source } from 'graphql';

/** Every `extensions.code` a client can see, and what it means. */
export type ErrorCode =
  // The request itself: fix it before sending it again.
  | 'BAD_REQUEST' // malformed HTTP or protocol message (body, encoding, transport)
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_USER_INPUT' // an argument or variable is wrong, or the request is over a per-request limit
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  // Glue's answers about the thing asked for.
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FAILED_PRECONDITION'
  | 'LIMIT_EXCEEDED'
  // Glue, or the way to it, failed: retrying later may help (see `retryable`).
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_THROTTLED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ACCESS_DENIED'
  | 'INTERNAL_SERVER_ERROR';

export interface GatewayErrorOptions {
  /** Whether the same request may succeed later. Defaults to false. */
  retryable?: boolean;
  /** Extra `extensions` members (argumentName, glue, debug, http, …). */
  extensions?: Record<string, unknown>;
  originalError?: Error;
  /** Where in the document the error is (parse and validation errors keep theirs). */
  nodes?: ASTNode | readonly ASTNode[];
  source?: Source;
  positions?: readonly number[];
}

/** The one factory: a GraphQLError whose extensions always carry `code` and `retryable`. */
export function gatewayError(code: ErrorCode, message: string, options: GatewayErrorOptions = {}): GraphQLError {
  const { retryable = false, extensions, ...rest } = options;
  return new GraphQLError(message, { ...rest, extensions: { ...extensions, code, retryable } });
}

/** BAD_USER_INPUT, naming the argument when there is one. */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return gatewayError('BAD_USER_INPUT', message, argumentName ? { extensions: { argumentName } } : {});
}

/** Re-codes a graphql-js parse or validation error, keeping its message and locations. */
export function recode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return gatewayError(code, error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: error.extensions,
  });
}

/** The GraphQL-over-HTTP body of an error answered outside GraphQL execution (auth, body parsing, rate limits). */
export function errorResponseBody(
  code: ErrorCode,
  message: string,
  options: Pick<GatewayErrorOptions, 'retryable' | 'extensions'> = {},
): { errors: ReturnType<GraphQLError['toJSON']>[] } {
  return { errors: [gatewayError(code, message, options).toJSON()] };
}
