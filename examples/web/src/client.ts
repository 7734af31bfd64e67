/**
 * The GraphQL client: urql's core with automatic persisted queries over GET, so each poll is a short
 * URL that carries only the query's hash (the full query is sent once, on the server's first miss)
 * and a CDN or the browser's own HTTP cache can answer it while a finished run's max-age lasts.
 * No document cache: polling must see the server's answer, and HTTP caching already follows it.
 */
import { Client, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

export function createClient(url: string): Client {
  return new Client({
    url,
    exchanges: [persistedExchange({ preferGetForPersistedQueries: 'within-url-limit' }), fetchExchange],
    preferGetMethod: 'within-url-limit',
    // Apollo's CSRF prevention only runs GET requests that a browser must preflight: this header makes it so.
    fetchOptions: { headers: { 'apollo-require-preflight': 'true' } },
  });
}
