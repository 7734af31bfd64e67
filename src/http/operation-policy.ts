/**
 * Rules about which documents a caller may run that need more than the schema: `_service { sdl }` and
 * inline federation traces (ftv1) only for the router (a shared secret header in production), and, in
 * safelist mode, only operations from the committed manifest. Applied over HTTP (an Apollo plugin, and
 * the trace header dropped in graphql-route.ts) and over WebSocket (websocket.ts) alike. What a
 * document selects and its safelist hash are worked out once per document: Apollo hands the same
 * DocumentNode back for a document it has seen.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { print, stripIgnoredCharacters, visit, type DocumentNode, type GraphQLError } from 'graphql';
import { gatewayError } from '../errors.js';
import type { SecurityConfig } from '../security/config.js';

/** The header the router sends with FEDERATION_ROUTER_SECRET. */
export const ROUTER_SECRET_HEADER = 'x-federation-router-secret';
const TRACE_HEADER = 'apollo-federation-include-trace';

/** Node's header object, or Apollo's HeaderMap (read only when the document selects `_service`). */
export type HeaderSource = IncomingHttpHeaders | ReadonlyMap<string, string>;

export type DocumentPolicy = (document: DocumentNode, headers: HeaderSource) => GraphQLError | undefined;

function header(headers: HeaderSource, name: string): unknown {
  return headers instanceof Map ? headers.get(name) : (headers as IncomingHttpHeaders)[name];
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether these headers come from the router: always in `open` mode, never in `off` mode. */
export function isRouter(federation: SecurityConfig['federation'], headers: HeaderSource): boolean {
  if (federation.mode !== 'secret') return federation.mode === 'open';
  const sent = header(headers, ROUTER_SECRET_HEADER);
  return typeof sent === 'string' && timingSafeEqual(digest(sent), digest(federation.secret));
}

const selectsServiceMemo = new WeakMap<DocumentNode, boolean>();

function selectsService(document: DocumentNode): boolean {
  let found = selectsServiceMemo.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '_service') found = true;
    },
  });
  selectsServiceMemo.set(document, found);
  return found;
}

const hashMemo = new WeakMap<DocumentNode, string>();

/** The safelist's key of a document: sha256 of its printed form without ignored characters. */
export function operationHash(document: DocumentNode): string {
  return createHash('sha256').update(stripIgnoredCharacters(print(document))).digest('hex');
}

function memoised<T>(memo: WeakMap<DocumentNode, T>, document: DocumentNode, compute: (d: DocumentNode) => T): T {
  let value = memo.get(document);
  if (value === undefined) memo.set(document, (value = compute(document)));
  return value;
}

export function documentPolicy(federation: SecurityConfig['federation'], safelist?: ReadonlySet<string>): DocumentPolicy {
  return (document, headers) => {
    if (safelist && !safelist.has(memoised(hashMemo, document, operationHash))) {
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
          const error = policy(document, request.http?.headers ?? new Map<string, string>());
          if (error) throw error;
        },
      };
    },
  };
}

/** Inline traces (ftv1) are added only when a request asks for them: only the router's requests may ask. */
export function dropTraceRequestUnlessRouter(federation: SecurityConfig['federation'], headers: IncomingHttpHeaders): void {
  if (headers[TRACE_HEADER] !== undefined && !isRouter(federation, headers)) delete headers[TRACE_HEADER];
}
