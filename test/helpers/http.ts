/** Raw HTTP requests to a gateway, for tests about the transport itself (GET, headers, status codes). */

export interface GraphQLParams {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

/** The GET URL of an operation: each parameter URL-encoded, objects as JSON (GraphQL over HTTP). */
export function getUrl(endpoint: string, params: GraphQLParams): string {
  const url = new URL(endpoint);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return url.href;
}

/** A GET as a browser client sends it: with the header that makes it non-simple (CSRF prevention). */
export function get(endpoint: string, params: GraphQLParams, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(getUrl(endpoint, params), { headers: { 'apollo-require-preflight': 'true', ...headers } });
}

export function post(endpoint: string, params: GraphQLParams, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(params) });
}
