/**
 * POST and GET /graphql on a plain node:http handler, the way Apollo Server's own standalone server
 * serves them (no Express: its router, `res.send` and the integration cost about half of bare
 * Apollo's throughput). In order: CORS (a preflight ends here), `Vary`, authentication, the
 * defences' admission (trace header, per-client rate limit), the JSON body (MAX_BODY_BYTES), then
 * Apollo's executeHTTPGraphQLRequest, which does CSRF prevention, batching, APQ, the landing page on
 * GET with `Accept: text/html`, and 405 for other methods. Failures outside Apollo get a coded JSON
 * error (errors.ts). A repeated POST that the full-response cache answered is answered from its hot
 * front (cache/hot-responses.ts) before Apollo runs, after the same CORS, authentication and limits.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import { HotResponses, type HotResponse } from '../cache/hot-responses.js';
import { sessionOf } from '../cache/response-cache.js';
import type { ContextFactory, GatewayContext } from '../context.js';
import { tracingRegistered } from '../observability/spans.js';
import { requestIdFrom } from '../request-log.js';
import type { Defences } from '../security/defences.js';
import { authenticateRequest, type Authenticator, type Principal } from './auth.js';
import type { CorsHandler } from './cors.js';
import { varyOnOriginAndAccept } from './cors.js';
import { sendHttpError } from './errors.js';
import { parseJsonBody, readJsonBody, type BodyResult } from './json-body.js';

export interface GraphQLRouteDeps {
  apollo: ApolloServer<GatewayContext>;
  cors: CorsHandler;
  authenticate?: Authenticator;
  admit: Defences['admitHttp'];
  maxBodyBytes: number;
  createContext: ContextFactory;
  logger: Logger;
  /** The hot front of the full-response cache (off with RESPONSE_CACHE_ENABLED=false). */
  hot?: HotResponses;
  /** What Apollo's plugins would record for an operation the hot front answered: metrics and the log line. */
  observeHotHit?: (hit: { requestId: string; operationName: string | null; seconds: number; principal?: Principal }) => void;
}

/**
 * The hot front's key for this request, or undefined when it may not use it: not a plain JSON POST,
 * tracing on (the operation needs its span), the router asking for an inline trace, or a caller
 * without a cache scope (a JWT without `sub`: never stored).
 */
function hotKey(req: IncomingMessage, text: string | undefined, principal: Principal | undefined): string | undefined {
  if (text === undefined || req.method !== 'POST' || req.headers['apollo-federation-include-trace'] !== undefined || tracingRegistered()) {
    return undefined;
  }
  const scope = principal ? sessionOf(principal) : '';
  return scope === null ? undefined : HotResponses.key(scope, req.headers.accept, text);
}

function sendHot(res: ServerResponse, entry: HotResponse, requestId: string): void {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader('age', String(Math.max(0, Math.round((Date.now() - entry.storedAt) / 1000))));
  res.setHeader('x-request-id', requestId);
  res.statusCode = 200;
  res.end(entry.body);
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Apollo's view of the request headers (repeated headers joined, as its integrations do). */
function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  const raw = req.headers;
  for (const key in raw) {
    const value = raw[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function send(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    // One string: Node writes headers and body in one go (a Buffer would take a second write).
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function graphqlRoute(deps: GraphQLRouteDeps): RequestHandler {
  const { apollo, cors, authenticate, admit, maxBodyBytes, createContext, logger, hot, observeHotHit } = deps;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // CORS first: preflights carry no credentials, and refusals (401, 413, 429) must still be readable cross-origin.
    if (!cors(req, res)) return;
    varyOnOriginAndAccept(res);
    let principal: Principal | undefined;
    // OPTIONS from an origin CORS does not allow is not a preflight to the cors package: it goes on to
    // Apollo (405), still without credentials to check.
    if (authenticate && req.method !== 'OPTIONS') {
      principal = await authenticateRequest(authenticate, logger, req, res);
      if (!principal) return;
    }
    const admitted = admit(req, res, principal);
    if (admitted !== true && !(await admitted)) return;
    const read = readJsonBody(req, res, maxBodyBytes);
    const received: BodyResult = read instanceof Promise ? await read : read;
    if (!received.ok) {
      sendHttpError(res, received.error, logger);
      return;
    }
    const key = hot && hotKey(req, received.text, principal);
    if (key !== undefined) {
      const started = performance.now();
      const entry = hot!.get(key);
      if (entry) {
        const requestId = requestIdFrom(req.headers['x-request-id'] as string | undefined);
        sendHot(res, entry, requestId);
        observeHotHit?.({ requestId, operationName: entry.operationName, seconds: (performance.now() - started) / 1000, principal });
        return;
      }
    }
    const body = parseJsonBody(received);
    if (!body.ok) {
      sendHttpError(res, body.error, logger);
      return;
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    let context: GatewayContext | undefined;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers: headerMap(req),
        search: query < 0 ? '' : url.slice(query),
        body: body.body,
      },
      context: async () => {
        const requestId = requestIdFrom(req.headers['x-request-id'] as string | undefined);
        res.setHeader('x-request-id', requestId);
        return (context = createContext({ requestId, headers: req.headers, principal }));
      },
    });
    if (key !== undefined) hot!.remember(key, response, context?.responseCache.operationName ?? null);
    await send(res, response);
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => sendHttpError(res, err, logger));
  };
}
