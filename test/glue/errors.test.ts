// How every failure of a Glue call is classified: the public code, whether a retry may help, and the
// fixed message of upstream failures (so Glue's own wording never reaches the client for them).
import { describe, expect, it } from 'vitest';
import { classifyGlueError, glueDetails, isThrottling, retryAfterMs } from '../../src/glue/errors.js';

const glue = (name: string, status = 400, extra: Record<string, unknown> = {}) => ({ name, message: 'Glue says', $metadata: { httpStatusCode: status, requestId: 'req-1' }, ...extra });

describe('classifyGlueError', () => {
  it.each([
    ['EntityNotFoundException', 'NOT_FOUND', false, undefined],
    ['InvalidInputException', 'BAD_USER_INPUT', false, undefined],
    ['ValidationException', 'BAD_USER_INPUT', false, undefined],
    ['ConcurrentRunsExceededException', 'CONFLICT', true, undefined],
    ['MLTransformNotReadyException', 'FAILED_PRECONDITION', false, undefined],
    ['ResourceNumberLimitExceededException', 'LIMIT_EXCEEDED', false, undefined],
    ['OperationTimeoutException', 'UPSTREAM_TIMEOUT', true, 'Glue timed out.'],
    ['TimeoutError', 'UPSTREAM_TIMEOUT', true, 'Glue did not answer in time.'],
    ['ThrottlingException', 'UPSTREAM_THROTTLED', true, 'Glue is throttling requests; retry later.'],
    ['InternalServiceException', 'UPSTREAM_UNAVAILABLE', true, 'Glue is unavailable.'],
    ['AccessDeniedException', 'UPSTREAM_ACCESS_DENIED', false, 'The gateway is not allowed to call Glue.'],
    ['GlueCircuitOpenError', 'UPSTREAM_UNAVAILABLE', true, 'Glue is failing; the gateway pauses calls to it for a moment.'],
    ['GlueRateLimitedError', 'UPSTREAM_THROTTLED', true, 'Glue is throttling requests; retry later.'],
  ])('maps the exception %s to %s (retryable: %s)', (name, code, retryable, message) => {
    expect(classifyGlueError(glue(name))).toEqual({ code, retryable, ...(message ? { message } : {}) });
  });

  it.each(['TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown'])('treats %s as throttling', (name) => {
    expect(classifyGlueError(glue(name))).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryable: true });
  });

  it.each([
    'CredentialsProviderError',
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
    'IncompleteSignature',
    'MissingAuthenticationTokenException',
    'InvalidClientTokenId',
    'ExpiredTokenException',
    'UnauthorizedOperation',
  ])('treats %s as the gateway being denied, never the caller', (name) => {
    expect(classifyGlueError({ name, message: 'x' })).toMatchObject({ code: 'UPSTREAM_ACCESS_DENIED', retryable: false });
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])(
    'treats a network failure (%s) as Glue unavailable, even when the SDK named it TimeoutError',
    (code) => {
      expect(classifyGlueError({ name: 'TimeoutError', code, message: 'x' })).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    },
  );

  it('treats an aborted call and a socket timeout as Glue timing out', () => {
    expect(classifyGlueError({ name: 'AbortError' })).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
    expect(classifyGlueError({ name: 'Error', code: 'ETIMEDOUT' })).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
  });

  it('falls back on the fault and the HTTP status of an unmodelled exception', () => {
    expect(classifyGlueError(glue('SomethingNew', 500))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(classifyGlueError(glue('SomethingNew', 503))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(classifyGlueError({ name: 'SomethingNew', $fault: 'server' })).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(classifyGlueError(glue('SomethingNew', 401))).toMatchObject({ code: 'UPSTREAM_ACCESS_DENIED', retryable: false });
    expect(classifyGlueError(glue('SomethingNew', 403))).toMatchObject({ code: 'UPSTREAM_ACCESS_DENIED' });
    for (const status of [400, 402, 404, 499]) {
      expect(classifyGlueError(glue('SomethingNew', status, { $fault: 'client' }))).toEqual({ code: 'INTERNAL_SERVER_ERROR', retryable: false, message: 'Internal server error.' });
    }
  });

  it('treats a hung-up socket as Glue unavailable, whatever the case of the message', () => {
    expect(classifyGlueError(new Error('Socket Hang Up'))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(classifyGlueError(new Error('connection closed'))).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('classifies anything else, null and undefined included, as an internal error with a fixed message', () => {
    for (const thrown of [undefined, null, 'text', new Error('secret detail'), { name: 'toString' }]) {
      expect(classifyGlueError(thrown)).toEqual({ code: 'INTERNAL_SERVER_ERROR', retryable: false, message: 'Internal server error.' });
    }
  });
});

describe('retryAfterMs', () => {
  it('is a second for retryable upstream failures, the error\'s own wait (rounded up) when it has one', () => {
    expect(retryAfterMs(glue('ThrottlingException'))).toBe(1_000);
    expect(retryAfterMs(glue('InternalServiceException', 500))).toBe(1_000);
    expect(retryAfterMs(glue('OperationTimeoutException'))).toBe(1_000);
    expect(retryAfterMs({ name: 'GlueCircuitOpenError', retryAfterMs: 1234.2 })).toBe(1235);
    expect(retryAfterMs({ name: 'GlueRateLimitedError', retryAfterMs: Number.NaN })).toBe(1_000);
    expect(retryAfterMs({ name: 'GlueRateLimitedError', retryAfterMs: '250' })).toBe(1_000);
  });

  it('is undefined when a retry cannot help or has no upstream wait (a conflict waits on the caller\'s own runs)', () => {
    expect(retryAfterMs(glue('EntityNotFoundException', 400, { retryAfterMs: 5 }))).toBeUndefined();
    expect(retryAfterMs(glue('AccessDeniedException', 400, { retryAfterMs: 5 }))).toBeUndefined();
    expect(retryAfterMs(glue('ConcurrentRunsExceededException', 400, { retryAfterMs: 5 }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('isThrottling and glueDetails', () => {
  it('counts only Glue\'s own throttling answers, not the gateway\'s budget or a name without a response', () => {
    expect(isThrottling(glue('ThrottlingException'))).toBe(true);
    expect(isThrottling(glue('SlowDown', 503))).toBe(true);
    expect(isThrottling({ name: 'ThrottlingException' })).toBe(false);
    expect(isThrottling({ name: 'GlueRateLimitedError', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isThrottling(glue('InternalServiceException', 500))).toBe(false);
    expect(isThrottling(undefined)).toBe(false);
  });

  it('names the exception and request id only of errors that came back from Glue', () => {
    expect(glueDetails(glue('InvalidInputException'))).toEqual({ exception: 'InvalidInputException', requestId: 'req-1' });
    expect(glueDetails({ $metadata: { httpStatusCode: 500 } })).toEqual({ exception: 'UnknownError', requestId: undefined });
    expect(glueDetails({ name: 'Error', $metadata: {} })).toBeUndefined();
    expect(glueDetails({ name: 'Error' })).toBeUndefined();
  });
});
