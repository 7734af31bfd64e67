/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server and path Apollo serves, for
 * subscriptions. Operations are parsed and validated here rather than by graphql-ws, so a syntax error
 * is a coded error message instead of a closed socket, and introspection follows the same switch as
 * over HTTP. Open operations are limited per connection and in total; an operation over either limit
 * is refused with a LIMIT_EXCEEDED error and the connection stays up.
 */
import type { IncomingHttpHeaders, Server } from 'node:http';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { trace, type Span } from '@opentelemetry/api';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import type { ContextFactory } from '../context.js';
import { gatewayError, recode } from '../errors.js';
import { formatError } from '../format-error.js';
import type { Authenticator, Principal } from '../http/auth.js';
import type { OriginPolicy } from '../http/origins.js';
import { KnownOperationTypesRule } from '../known-operation-types.js';
import { nameOperationSpan } from '../observability/spans.js';
import { requestIdFrom } from '../request-log.js';
import { verifyOrigin, type ConnectionGuards, type WsContext } from './connection-guards.js';

export interface GraphQLWebSocketOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  /** SUBSCRIPTIONS_MAX_PER_CONNECTION and SUBSCRIPTIONS_MAX_TOTAL. */
  limits: { maxPerConnection: number; maxTotal: number };
  /** MAX_QUERY_TOKENS, as over HTTP. */
  maxTokens: number;
  introspection: boolean;
  production: boolean;
  /** GRAPHQL_DEBUG_ERRORS. */
  debug: boolean;
  /** A fresh context per operation, as over HTTP, from the upgrade request and the connection's caller. */
  createContext: ContextFactory;
  /** When authentication is configured: each connection must authenticate in `connection_init`. */
  authenticate?: Authenticator;
  logger: Logger;
  validationRules: readonly ValidationRule[];
  /** Origin, credential lifetime, per-client caps and rates (connection-guards.ts). */
  guards: ConnectionGuards;
  origins: OriginPolicy;
  /** How long a socket may stay open without sending connection_init (WS_CONNECTION_INIT_TIMEOUT_MS). */
  connectionInitTimeoutMs: number;
  /** Checks a parsed document against rules that need the request (`_service` gating, the safelist). */
  documentPolicy?: (document: DocumentNode, headers: IncomingHttpHeaders) => GraphQLError | undefined;
}

export interface GraphQLWebSocketServer {
  /** Closes every connection (their subscriptions end) and stops accepting new ones. */
  dispose(): Promise<void>;
}

/** Same bound as the HTTP body limit: a subscribe message is one GraphQL request. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export function attachGraphQLWebSocketServer(options: GraphQLWebSocketOptions): GraphQLWebSocketServer {
  const { schema, limits, debug, guards } = options;
  const rules = [
    ...specifiedRules,
    KnownOperationTypesRule,
    ...options.validationRules,
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  // graphql-ws keeps each connection's open operations in ctx.subscriptions (the one being started
  // included, and removed however it ends), so counting them never drifts.
  const connections = new Set<WsContext>();
  const openOperations = (ctx: WsContext) => Object.keys(ctx.subscriptions).length;
  // Each operation's span lives until graphql-ws completes it (it does, even after an abrupt close).
  const operationSpans = new WeakMap<WsContext, Map<string, Span>>();

  // Browsers send Origin on every WebSocket upgrade and CORS never applies to WebSockets: without this
  // check any site a user visits could use their credentials here (cross-site WebSocket hijacking).
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: verifyOrigin(options.origins),
  });
  wsServer.on('connection', (socket, request) => guards.watchMessages(socket, request));
  const disposable = useServer(
    {
      schema,
      connectionInitWaitTimeout: options.connectionInitTimeoutMs,
      isProd: options.production,
      context: (ctx, id, payload, args) => {
        const { headers } = ctx.extra.request;
        const requestId = requestIdFrom(typeof headers['x-request-id'] === 'string' ? headers['x-request-id'] : undefined);
        const context = options.createContext({ requestId, headers, principal: guards.principal(ctx) });
        const span = trace.getSpan(context.trace);
        if (span) {
          const operation = getOperationAST(args.document, payload.operationName);
          nameOperationSpan(span, operation?.operation ?? 'unknown', operation?.name?.value);
          const spans = operationSpans.get(ctx) ?? new Map<string, Span>();
          operationSpans.set(ctx, spans.set(id, span));
        }
        return context;
      },
      onComplete: (ctx, id) => {
        operationSpans.get(ctx)?.get(id)?.end();
        operationSpans.get(ctx)?.delete(id);
      },
      // Credentials come in connection_init's payload (browsers cannot set headers on a WebSocket),
      // or else in the upgrade request's headers. Refused → graphql-ws closes with 4403 Forbidden.
      onConnect: async (ctx) => {
        let principal: Principal | undefined;
        if (options.authenticate) {
          const params = ctx.connectionParams ?? {};
          const headers = ctx.extra.request.headers;
          const param = (...names: string[]) => names.map((n) => params[n]).find((v): v is string => typeof v === 'string');
          const result = await options.authenticate(
            param('authorization', 'Authorization') ?? headers.authorization,
            param('x-api-key', 'apiKey') ?? (headers['x-api-key'] as string | undefined),
          );
          if (typeof result === 'string') {
            options.logger.info({ reason: result }, 'Rejected unauthenticated WebSocket connection');
            return false;
          }
          principal = result;
        }
        if (!guards.admit(ctx, principal)) return false;
        connections.add(ctx);
        return true;
      },
      onClose: (ctx) => {
        connections.delete(ctx);
        guards.release(ctx);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const refused = await guards.checkSubscribe(ctx);
        if (refused) return refused;
        if (openOperations(ctx) > limits.maxPerConnection) {
          return [
            gatewayError(
              'LIMIT_EXCEEDED',
              `Too many subscriptions on this connection: at most ${limits.maxPerConnection} (SUBSCRIPTIONS_MAX_PER_CONNECTION); complete one first.`,
            ),
          ];
        }
        let total = 0;
        for (const connection of connections) total += openOperations(connection);
        if (total > limits.maxTotal) {
          return [
            gatewayError(
              'LIMIT_EXCEEDED',
              `The gateway is at its limit of ${limits.maxTotal} open subscriptions (SUBSCRIPTIONS_MAX_TOTAL); retry later.`,
              { retryable: true },
            ),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: options.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? recode(error, 'GRAPHQL_PARSE_FAILED') : gatewayError('GRAPHQL_PARSE_FAILED', 'Invalid query.')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((error) => recode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const forbidden = options.documentPolicy?.(document, ctx.extra.request.headers);
        if (forbidden) return [forbidden];
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [gatewayError('BAD_USER_INPUT', 'Unable to identify the operation to run: name it with `operationName`.')];
        }
        // Coerced here, as Apollo does over HTTP, so a bad variable is BAD_USER_INPUT, not an uncoded
        // execution error that formatError would report as a server error.
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 50 });
        if (variables.errors) return variables.errors.map((error) => recode(error, 'BAD_USER_INPUT'));
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
      },
      // The same last step as over HTTP: coded errors, internals masked.
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return undefined;
        return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error, { debug })) };
      },
    },
    wsServer,
  );

  return {
    dispose: () => disposable.dispose() as Promise<void>,
  };
}
