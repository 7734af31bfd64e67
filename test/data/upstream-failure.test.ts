import {
  AccessDeniedException,
  ConcurrentRunsExceededException,
  EntityNotFoundException,
  GlueServiceException,
  InternalServiceException,
  InvalidInputException,
  MLTransformNotReadyException,
  OperationTimeoutException,
  ResourceNumberLimitExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-glue';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { upstreamFailure, type UpstreamCall } from '../../src/data/upstream-failure.js';
import { GlueCircuitOpenError, GlueRateLimitedError } from '../../src/glue/policy-errors.js';

const silent = pino({ level: 'silent' });
/** The one upstream-failure step, for a GetMLTaskRun of the ids given. */
const toGraphQLError = (err: unknown, options: { debug?: boolean; ids?: UpstreamCall['ids'] } = {}) =>
  upstreamFailure(err, { operation: 'GetMLTaskRun', ids: options.ids ?? {} }, { logger: silent, debug: options.debug ?? false });

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode, requestId: 'req-123' } });
const netError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.7:443`), { code });

describe('upstreamFailure: Glue exceptions to GraphQL error codes', () => {
  it.each([
    ['InvalidInputException', new InvalidInputException({ message: 'Bad transform id', ...meta(400) }), 'BAD_USER_INPUT', false],
    ['ValidationException', new ValidationException({ message: '1 validation error', ...meta(400) }), 'BAD_USER_INPUT', false],
    ['ConcurrentRunsExceededException', new ConcurrentRunsExceededException({ message: 'Too many runs', ...meta(400) }), 'CONFLICT', true],
    ['MLTransformNotReadyException', new MLTransformNotReadyException({ message: 'Not ready', ...meta(400) }), 'FAILED_PRECONDITION', false],
    ['ResourceNumberLimitExceededException', new ResourceNumberLimitExceededException({ message: 'Limit', ...meta(400) }), 'LIMIT_EXCEEDED', false],
  ])('%s passes Glue message on as %s', (exception, err, code, retryable) => {
    const gql = toGraphQLError(err);
    expect(gql.extensions).toEqual({ code, retryable, glue: { exception, requestId: 'req-123' } });
    expect(gql.message).toBe(err.message);
  });

  it.each([
    ['OperationTimeoutException', new OperationTimeoutException({ message: 'x', ...meta(400) }), 'UPSTREAM_TIMEOUT', true],
    ['ThrottlingException', new ThrottlingException({ message: 'Rate exceeded', ...meta(400) }), 'UPSTREAM_THROTTLED', true],
    ['InternalServiceException', new InternalServiceException({ message: 'at host ip-10-1-2-3.internal', ...meta(500) }), 'UPSTREAM_UNAVAILABLE', true],
    ['AccessDeniedException', new AccessDeniedException({ message: 'User: arn:aws:iam::123456789012:user/gw is not authorized', ...meta(400) }), 'UPSTREAM_ACCESS_DENIED', false],
    ['SomeNew5xx', new GlueServiceException({ name: 'SomeNew5xx', $fault: 'server', message: 'secret detail', ...meta(503) }), 'UPSTREAM_UNAVAILABLE', true],
    ['UnrecognizedClientException', new GlueServiceException({ name: 'UnrecognizedClientException', $fault: 'client', message: 'The security token included in the request is invalid.', ...meta(400) }), 'UPSTREAM_ACCESS_DENIED', false],
    ['UnknownClientException', new GlueServiceException({ name: 'UnknownClientException', $fault: 'client', message: 'internal detail', ...meta(400) }), 'INTERNAL_SERVER_ERROR', false],
  ])('%s from Glue becomes %s with a fixed message and Glue details', (exception, err, code, retryable) => {
    const gql = toGraphQLError(err);
    // Retryable upstream failures say when to try again (1 s when nothing better is known).
    const retryAfter = retryable ? { retryAfterMs: 1000 } : {};
    expect(gql.extensions).toEqual({ code, retryable, ...retryAfter, glue: { exception, requestId: 'req-123' } });
    expect(gql.message).not.toContain(err.message);
    expect(gql.message).not.toMatch(/arn:|10\.|internal/);
  });

  it.each([
    ['ECONNREFUSED', netError('ECONNREFUSED'), 'UPSTREAM_UNAVAILABLE', true],
    ['ECONNRESET', netError('ECONNRESET'), 'UPSTREAM_UNAVAILABLE', true],
    ['socket hang up', new Error('socket hang up'), 'UPSTREAM_UNAVAILABLE', true],
    ['a reset the SDK renamed TimeoutError', Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }), 'UPSTREAM_UNAVAILABLE', true],
    ['client-side TimeoutError', Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }), 'UPSTREAM_TIMEOUT', true],
    ['deadline AbortError', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), 'UPSTREAM_TIMEOUT', true],
    ['CredentialsProviderError', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'UPSTREAM_ACCESS_DENIED', false],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 'INTERNAL_SERVER_ERROR', false],
  ])('%s (not from Glue) becomes %s without Glue details or internals', (_label, err, code, retryable) => {
    const gql = toGraphQLError(err);
    expect(gql.extensions).toEqual({ code, retryable, ...(retryable ? { retryAfterMs: 1000 } : {}) });
    expect(gql.message).not.toContain('10.0.0.7');
    expect(gql.message).not.toContain('undefined');
  });

  it('adds upstream details only when debugging', () => {
    const err = new ThrottlingException({ message: 'Rate exceeded', ...meta(400) });
    expect(toGraphQLError(err, { debug: true }).extensions.debug).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
    expect(toGraphQLError(err).extensions.debug).toBeUndefined();
  });
});

describe('NOT_FOUND messages', () => {
  const glueText = 'No ML Task Run found for tskr-1: in account 123456789012 for transform tfm-1.';

  it('are written from the ids the client sent, never from Glue text', () => {
    const err = new EntityNotFoundException({ message: glueText, ...meta(400) });
    const gql = toGraphQLError(err, { ids: { transformId: 'tfm-1', taskRunId: 'tskr-1' } });
    expect(gql.message).toBe('No task run tskr-1 on transform tfm-1.');
    expect(gql.extensions).toEqual({ code: 'NOT_FOUND', retryable: false, glue: { exception: 'EntityNotFoundException', requestId: 'req-123' } });
    expect(toGraphQLError(err, { ids: { transformId: 'tfm-9' } }).message).toBe('No transform tfm-9.');
  });

  it('log Glue text with its request id, once', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const err = new EntityNotFoundException({ message: glueText, ...meta(400) });
    upstreamFailure(err, { operation: 'GetMLTaskRun', ids: { transformId: 'tfm-1', taskRunId: 'tskr-1' } }, { logger, debug: false });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'GetMLTaskRun failed', glueRequestId: 'req-123', glueMessage: glueText, taskRunId: 'tskr-1' });
  });
});

describe('AWS identifiers in passed-on Glue messages', () => {
  it('redacts account ids and ARNs the client did not send', () => {
    const err = new InvalidInputException({
      message: 'Bad input for tskr-1: in account 123456789012 for transform tfm-1 (arn:aws:glue:us-east-1:123456789012:mlTransform/tfm-1).',
      ...meta(400),
    });
    const gql = toGraphQLError(err, { ids: { transformId: 'tfm-1', taskRunId: 'tskr-1' } });
    expect(gql.message).toBe('Bad input for tskr-1: in account [account] for transform tfm-1 ([arn]).');
    expect(gql.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('keeps what the client sent (unless it holds a 12-digit run: no guessing oracle), and everything in debug mode', () => {
    const err = new InvalidInputException({ message: 'Bad input for run-1234567890 in account 123456789012.', ...meta(400) });
    expect(toGraphQLError(err, { ids: { taskRunId: 'run-1234567890' } }).message).toBe('Bad input for run-1234567890 in account [account].');
    const guess = new InvalidInputException({ message: 'Bad input for run-123456789012.', ...meta(400) });
    expect(toGraphQLError(guess, { ids: { taskRunId: 'run-123456789012' } }).message).toBe('Bad input for run-[account].');
    const withAccount = new EntityNotFoundException({ message: 'in account 123456789012', ...meta(400) });
    expect(toGraphQLError(withAccount, { debug: true }).message).toBe('in account 123456789012');
  });
});

describe('upstreamFailure: the upstream policy\'s own refusals', () => {
  it('an open circuit is UPSTREAM_UNAVAILABLE, retryable, with the rest of its cool-down as retryAfterMs', () => {
    const gql = toGraphQLError(new GlueCircuitOpenError(1234));
    expect(gql.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', retryable: true, retryAfterMs: 1234 });
  });

  it('a spent sending rate is UPSTREAM_THROTTLED, retryable, with the limiter\'s wait as retryAfterMs', () => {
    const gql = toGraphQLError(new GlueRateLimitedError(250));
    expect(gql.extensions).toEqual({ code: 'UPSTREAM_THROTTLED', retryable: true, retryAfterMs: 250 });
  });
});
