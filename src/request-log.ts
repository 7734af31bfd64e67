/**
 * One structured log line per GraphQL operation: request id, operation, duration and outcome (the
 * error codes). Headers, variables and tokens are never logged, so credentials cannot leak this way.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayContext } from './context.js';

const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Honours a well-formed incoming `x-request-id` (set by a proxy) so logs join up across hops. */
export function requestIdFrom(header: string | undefined): string {
  return header && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

export interface OperationLogLine {
  requestId: string;
  operationName: string | null;
  durationMs: number;
  status: number;
  errorCodes: string[];
  principal?: string;
}

/** The one line per operation, from Apollo's plugin or from the hot response cache (graphql-route.ts). */
export function logOperation(logger: Logger, line: OperationLogLine): void {
  const failed = line.errorCodes.length > 0;
  logger.info(
    {
      requestId: line.requestId,
      operationName: line.operationName,
      durationMs: line.durationMs,
      status: line.status,
      outcome: failed ? 'error' : 'success',
      errorCodes: failed ? line.errorCodes : undefined,
      principal: line.principal,
    },
    'GraphQL operation',
  );
}

/** Logs through the process logger with the request id as a field: no child logger per request. */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      // Below the log level the plugin has no hooks at all for the request.
      if (!logger.isLevelEnabled('info')) return;
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors, contextValue: ctx, response }) {
          logOperation(logger, {
            requestId: ctx.requestId,
            operationName: operationName ?? null,
            durationMs: Math.round(performance.now() - started),
            status: response.http.status ?? 200,
            errorCodes: [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))],
            principal: ctx.principal?.subject,
          });
        },
      };
    },
  };
}
