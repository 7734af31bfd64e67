/**
 * The contract between transports and the one operation pipeline. Every transport (HTTP, graphql-ws,
 * GraphQL over SSE, Apollo's multipart subscriptions, Apollo's HTTP callback protocol) turns what it
 * received into `GraphQLRequestParams` plus a `TransportRequest`, and hands both to a `RunOperation`.
 * The pipeline applies the same rules to all of them: parsing limits, validation, document policy,
 * cost, variable coercion, execution or subscription, error masking, request log, metrics, tracing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FormattedExecutionResult } from 'graphql';
import type { Principal } from '../http/auth.js';

/** One GraphQL request as GraphQL over HTTP defines its parameters. */
export interface GraphQLRequestParams {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

/** Which transport carried an operation: a label in logs and metrics. */
export type TransportName = 'http' | 'graphql-ws' | 'sse' | 'multipart' | 'callback';

/** Who sent an operation, and how. */
export interface TransportRequest {
  transport: TransportName;
  /** Correlates the operation's log lines (x-request-id). */
  requestId: string;
  /** The HTTP request's headers (or the WebSocket upgrade's). */
  headers: IncomingHttpHeaders;
  /** The authenticated caller, when authentication is configured. */
  principal?: Principal;
}

/**
 * A single result (a query, a mutation, or an error before execution), or the stream of a
 * subscription. The stream's `return()` ends the subscription and releases its poller share.
 */
export type OperationOutcome = FormattedExecutionResult | AsyncGenerator<FormattedExecutionResult, void, undefined>;

export type RunOperation = (params: GraphQLRequestParams, request: TransportRequest) => Promise<OperationOutcome>;

export const isStream = (outcome: OperationOutcome): outcome is AsyncGenerator<FormattedExecutionResult, void, undefined> =>
  typeof (outcome as AsyncGenerator<unknown>)[Symbol.asyncIterator] === 'function';
