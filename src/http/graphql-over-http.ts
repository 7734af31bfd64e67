/**
 * GraphQL over HTTP details Apollo Server leaves to us.
 *
 * Status codes: for the legacy `application/json` response type the specification says a well-formed
 * request SHOULD get 200 even when the document fails to parse or validate or its variables fail to
 * coerce (the errors are in the body); only `application/graphql-response+json` uses 4xx for those.
 * Apollo answers 400 for both, so the plugin picks the response's media type itself, exactly as Apollo
 * would (Apollo keeps a content-type a plugin has set), and sets 200 for request errors sent as JSON.
 *
 * Caching: the media type (and so the status) depends on `Accept`, and the CORS headers on `Origin`, so
 * every response varies on both; a CDN in front of GET must not serve one client's representation to
 * another (e.g. an answer cached for a request without Origin to a page that needs
 * `Access-Control-Allow-Origin`): cors.ts sets `Vary` on every /graphql response.
 */
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import Negotiator from 'negotiator';

/** Apollo's own media types, in Apollo's order of preference when the client has none. */
const APPLICATION_JSON = 'application/json; charset=utf-8';
const APPLICATION_JSON_GRAPHQL_CALLBACK = 'application/json; callbackSpec=1.0; charset=utf-8';
const APPLICATION_GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';

/** Request errors: the operation never executed because the document or its variables were rejected. */
const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** The single-result media type for an `Accept` header; `null` when it accepts none (Apollo answers 406). */
export function negotiateResultMediaType(accept: string | undefined): string | null {
  if (!accept) return APPLICATION_JSON;
  let mediaType = negotiated.get(accept);
  if (mediaType === undefined) {
    mediaType =
      new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, APPLICATION_GRAPHQL_RESPONSE_JSON, APPLICATION_JSON_GRAPHQL_CALLBACK]) ?? null;
    // Clients send a handful of distinct Accept headers: remember them, but never grow without bound.
    if (negotiated.size >= NEGOTIATED_MAX) negotiated.clear();
    negotiated.set(accept, mediaType);
  }
  return mediaType;
}

const NEGOTIATED_MAX = 100;
const negotiated = new Map<string, string | null>();

function applyStatus(requestContext: GraphQLRequestContextWillSendResponse<object>): void {
  const { request, response } = requestContext;
  if (response.body.kind !== 'single' || !request.http) return;
  let mediaType = response.http.headers.get('content-type');
  if (mediaType === undefined) {
    const negotiated = negotiateResultMediaType(request.http.headers.get('accept'));
    if (negotiated === null) return;
    mediaType = negotiated;
    response.http.headers.set('content-type', mediaType);
  }
  if (response.http.status !== 400 || mediaType.startsWith('application/graphql-response+json')) return;
  const { data, errors } = response.body.singleResult;
  const requestErrorsOnly = data === undefined && !!errors?.length && errors.every((e) => REQUEST_ERROR_CODES.has(e.extensions?.code));
  if (requestErrorsOnly) response.http.status = 200;
}

export function graphqlOverHttpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          applyStatus(requestContext);
        },
      };
    },
  };
}
