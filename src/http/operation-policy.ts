/**
 * Rules about which documents a caller may run that need more than the schema: `_service { sdl }` and
 * inline federation traces (ftv1) only for the router (a shared secret header in production), and, in
 * safelist mode, only operations from the committed manifest. Applied over HTTP (an Apollo plugin and
 * an Express middleware for the trace header) and over WebSocket (websocket.ts) alike.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { print, stripIgnoredCharacters, visit, type DocumentNode, type GraphQLError } from 'graphql';
import { gatewayError } from '../errors.js';
import type { SecurityConfig } from '../security/config.js';

/** The header the router sends with FEDERATION_ROUTER_SECRET. */
export const ROUTER_SECRET_HEADER = 'x-federation-router-secret';
const TRACE_HEADER = 'apollo-federation-include-trace';

export type DocumentPolicy = (document: DocumentNode, headers: IncomingHttpHeaders) => GraphQLError | undefined;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether these headers come from the router: always in `open` mode, never in `off` mode. */
export function isRouter(federation: SecurityConfig['federation'], headers: IncomingHttpHeaders): boolean {
  if (federation.mode !== 'secret') return federation.mode === 'open';
  const sent = headers[ROUTER_SECRET_HEADER];
  return typeof sent === 'string' && timingSafeEqual(digest(sent), digest(federation.secret));
}

function selectsService(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '_service') found = true;
    },
  });
  return found;
}

/** The safelist's key of a document: sha256 of its printed form without ignored characters. */
export function operationHash(document: DocumentNode): string {
  return createHash('sha256').update(stripIgnoredCharacters(print(document))).digest('hex');
}

export function documentPolicy(federation: SecurityConfig['federation'], safelist?: ReadonlySet<string>): DocumentPolicy {
  return (document, headers) => {
    if (safelist && !safelist.has(operationHash(document))) {
      return gatewayError('FORBIDDEN', 'This operation is not on the safelist of this gateway (PERSISTED_QUERIES_SAFELIST).', {
        extensions: { http: { status: 403 } },
      });
    }
    if (selectsService(document) && !isRouter(federation, headers)) {
      return gatewayError('FORBIDDEN', '`_service` is served to the federation router only (FEDERATION_ROUTER_SECRET).', {
        extensions: { http: { status: 403 } },
      });
    }
    return undefined;
  };
}

/** The Apollo side of the policy: refuses a document before execution. */
export function documentPolicyPlugin(policy: DocumentPolicy): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const headers: IncomingHttpHeaders = Object.fromEntries(request.http?.headers ?? []);
          const error = policy(document, headers);
          if (error) throw error;
        },
      };
    },
  };
}

/** Inline traces (ftv1) are added only when a request asks for them: only the router's requests may ask. */
export function routerOnlyTraces(federation: SecurityConfig['federation']): RequestHandler {
  return (req, _res, next) => {
    if (!isRouter(federation, req.headers)) delete req.headers[TRACE_HEADER];
    next();
  };
}
