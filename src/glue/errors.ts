/**
 * Classifies anything a Glue call can throw: which public code it maps to and whether retrying later
 * may help. Documented lists of exception names plus small predicates, in the manner of smithy's
 * error classification. Building the GraphQL error is the data layer's job (data/upstream-failure.ts).
 */
import type { ErrorCode } from '../errors.js';

export interface Classification {
  code: ErrorCode;
  retryable: boolean;
  /** Client errors pass Glue's message on; upstream and internal failures get a fixed one. */
  message?: string;
}

const BY_EXCEPTION: Record<string, Classification> = {
  EntityNotFoundException: { code: 'NOT_FOUND', retryable: false },
  InvalidInputException: { code: 'BAD_USER_INPUT', retryable: false },
  ValidationException: { code: 'BAD_USER_INPUT', retryable: false },
  ConcurrentRunsExceededException: { code: 'CONFLICT', retryable: true },
  MLTransformNotReadyException: { code: 'FAILED_PRECONDITION', retryable: false },
  ResourceNumberLimitExceededException: { code: 'LIMIT_EXCEEDED', retryable: false },
  OperationTimeoutException: { code: 'UPSTREAM_TIMEOUT', retryable: true, message: 'Glue timed out.' },
  TimeoutError: { code: 'UPSTREAM_TIMEOUT', retryable: true, message: 'Glue did not answer in time.' },
  ThrottlingException: { code: 'UPSTREAM_THROTTLED', retryable: true, message: 'Glue is throttling requests; retry later.' },
  InternalServiceException: { code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: 'Glue is unavailable.' },
  AccessDeniedException: { code: 'UPSTREAM_ACCESS_DENIED', retryable: false, message: 'The gateway is not allowed to call Glue.' },
  // Raised by the upstream policy itself (policy-errors.ts), without asking Glue.
  GlueCircuitOpenError: { code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: 'Glue is failing; the gateway pauses calls to it for a moment.' },
  GlueRateLimitedError: { code: 'UPSTREAM_THROTTLED', retryable: true, message: 'Glue is throttling requests; retry later.' },
};

/** When a retry of an upstream failure may help: fallback per code when the error does not say. */
const RETRY_AFTER_MS: Partial<Record<ErrorCode, number>> = {
  UPSTREAM_THROTTLED: 1_000,
  UPSTREAM_UNAVAILABLE: 1_000,
  UPSTREAM_TIMEOUT: 1_000,
};

/** Milliseconds after which retrying a retryable upstream failure may help; undefined for the rest. */
export function retryAfterMs(err: unknown): number | undefined {
  const { code, retryable } = classifyGlueError(err);
  if (!retryable || RETRY_AFTER_MS[code] === undefined) return undefined;
  // Stryker disable next-line OptionalChaining: nothing nullish is retryable, so err is an object here
  const own = (err as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  // Number.isFinite is false for every non-number (it does not coerce).
  return Number.isFinite(own) ? Math.ceil(own as number) : RETRY_AFTER_MS[code];
}

// Credential and signature failures: the gateway's own AWS identity is wrong, never the caller's fault.
const ACCESS_DENIED_NAMES = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'UnauthorizedOperation',
]);
const THROTTLING_NAMES = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Maps an error to its public code and whether retrying later may help. */
export function classifyGlueError(err: unknown): Classification {
  const e = (err ?? {}) as SdkLikeError;
  // Stryker disable next-line StringLiteral: any fallback that names no known exception classifies alike
  const name = e.name ?? '';
  // The SDK renames some resets to TimeoutError (to retry them); the socket's code says what happened.
  if (e.code && NETWORK_CODES.has(e.code)) return BY_EXCEPTION.InternalServiceException!;
  // Own keys only: an unmodelled exception named `constructor` or `toString` is not in the table.
  if (Object.hasOwn(BY_EXCEPTION, name)) return BY_EXCEPTION[name]!;
  if (THROTTLING_NAMES.has(name)) return BY_EXCEPTION.ThrottlingException!;
  if (ACCESS_DENIED_NAMES.has(name)) return BY_EXCEPTION.AccessDeniedException!;
  if (name === 'AbortError' || e.code === 'ETIMEDOUT') return BY_EXCEPTION.TimeoutError!;
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' || (status ?? 0) >= 500) return BY_EXCEPTION.InternalServiceException!;
  if (status === 401 || status === 403) return BY_EXCEPTION.AccessDeniedException!;
  // Stryker disable next-line StringLiteral: any fallback without "socket hang up" classifies alike
  if (/socket hang up/i.test(e.message ?? '')) return BY_EXCEPTION.InternalServiceException!;
  return { code: 'INTERNAL_SERVER_ERROR', retryable: false, message: 'Internal server error.' };
}

/** Whether Glue itself answered "slow down" (not the gateway's own budget): feedback for the rate budget. */
export function isThrottling(err: unknown): boolean {
  const e = (err ?? {}) as SdkLikeError;
  // Stryker disable next-line StringLiteral: any fallback that is not a throttling name answers alike
  return THROTTLING_NAMES.has(e.name ?? '') && e.$metadata?.httpStatusCode !== undefined;
}

/** Whether the error came back from Glue itself (so it has an exception name and a request id). */
export function glueDetails(err: SdkLikeError): { exception: string; requestId?: string } | undefined {
  if (!err.$metadata || err.$metadata.httpStatusCode === undefined) return undefined;
  return { exception: err.name ?? 'UnknownError', requestId: err.$metadata.requestId };
}
