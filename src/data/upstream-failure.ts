/**
 * The one step from a failed Glue call to what the client sees, used by every path to Glue (loaders,
 * listings, mutations, subscription pollers): one warning line with Glue's exception and request id,
 * then a GraphQL error with the code the adapter classified. The log never holds the error object (it
 * carries the signed request); the client never gets Glue's text for a not-found, only ids it sent.
 */
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { gatewayError } from '../errors.js';
import { classifyGlueError, glueDetails, retryAfterMs, type SdkLikeError } from '../glue/errors.js';
import { redactAwsIdentifiers } from '../glue/redaction.js';

export interface UpstreamFailureOptions {
  logger: Logger;
  /** Development only (GRAPHQL_DEBUG_ERRORS): pass Glue's own message and error name through. */
  debug: boolean;
}

/** Which call failed, and the ids the client sent for it. */
export interface UpstreamCall {
  operation: string;
  ids: { transformId?: string; taskRunId?: string };
}

/** Glue's not-found text names the account; ours names only what the client asked for. */
function notFoundMessage({ operation, ids }: UpstreamCall, glueMessage: string): string {
  if (ids.taskRunId !== undefined) return `No task run ${ids.taskRunId} on transform ${ids.transformId}.`;
  if (operation === 'StartExportLabelsTaskRun' && /labelset/i.test(glueMessage)) {
    return `Transform ${ids.transformId} has no labels to export.`;
  }
  if (ids.transformId !== undefined) return `No transform ${ids.transformId}.`;
  return 'Not found.';
}

function clientMessage(error: SdkLikeError, call: UpstreamCall, debug: boolean): string {
  const { code, message } = classifyGlueError(error);
  const glueMessage = error.message ?? code;
  if (message) return message;
  if (debug) return glueMessage;
  if (code === 'NOT_FOUND') return notFoundMessage(call, glueMessage);
  const clientValues = Object.values(call.ids).filter((v): v is string => typeof v === 'string');
  return redactAwsIdentifiers(glueMessage, clientValues);
}

/** Logs the failure, then returns the coded GraphQL error for it. Errors already ours pass through. */
export function upstreamFailure(error: unknown, call: UpstreamCall, options: UpstreamFailureOptions): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const glue = glueDetails(e);
  options.logger.warn(
    { ...call.ids, error: e.name, glueRequestId: glue?.requestId, glueMessage: glue ? e.message : undefined },
    `${call.operation} failed`,
  );
  const { code, retryable } = classifyGlueError(error);
  const retryAfter = retryAfterMs(error);
  return gatewayError(code, clientMessage(e, call, options.debug), {
    retryable,
    originalError: error instanceof Error ? error : undefined,
    extensions: {
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
      ...(glue ? { glue } : {}),
      ...(options.debug ? { debug: { name: e.name, message: e.message, errno: e.code } } : {}),
    },
  });
}

/** A Glue call made directly (listings, mutations) rather than through a loader. */
export async function callGlue<T>(options: UpstreamFailureOptions, call: UpstreamCall, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw upstreamFailure(error, call, options);
  }
}
