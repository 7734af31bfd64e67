// urql with Graphcache 9 against the gateway on the emulator: every operation under examples/ (queries,
// the mutation, the subscription over graphql-ws) runs through a cache given the generated schema and
// keys, and Graphcache has nothing to warn about. Without them it warns, which shows the check can fail.
import { readdirSync } from 'node:fs';
import { cacheExchange, type CacheExchangeOpts } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { pipe, subscribe } from 'wonka';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, schema } from '../../src/client/index.js';
import { loadExample } from '../../src/landing-page.js';
import { startStack, type Stack } from '../helpers/stack.js';

const EXAMPLES = readdirSync(new URL('../../examples/', import.meta.url))
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.slice(0, -'.graphql'.length));

function urqlClient(url: string, ws: WsClient, cache: CacheExchangeOpts): Client {
  return new Client({
    url,
    // urql 6 sends queries as GET when the URL is short enough: CSRF prevention wants this header on GET.
    fetchOptions: { headers: { 'apollo-require-preflight': 'true' } },
    exchanges: [
      cacheExchange(cache),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
        },
      }),
    ],
  });
}

/** Runs every example through `client`: the mutation starts a run, which the subscription follows to its end. */
async function runExamples(client: Client): Promise<string[]> {
  const seen: string[] = [];
  const started = loadExample('start-export-labels');
  const { data: startedData, error } = await client.mutation(started.document, started.variables).toPromise();
  expect(error).toBeUndefined();
  const { transformId, taskRunId } = startedData.startExportLabelsTaskRun as { transformId: string; taskRunId: string };
  seen.push('start-export-labels');

  const follow = loadExample('follow-task-run');
  const statuses: string[] = [];
  await new Promise<void>((resolve, reject) => {
    pipe(
      client.subscription(follow.document, { ...follow.variables, transformId, taskRunId }),
      subscribe((result) => {
        if (result.error) reject(result.error);
        statuses.push(result.data.mlTaskRunUpdated.status);
        if (result.data.mlTaskRunUpdated.status === 'SUCCEEDED') resolve();
      }),
    );
  });
  expect(statuses.at(-1)).toBe('SUCCEEDED');
  seen.push('follow-task-run');

  for (const name of EXAMPLES.filter((n) => !seen.includes(n))) {
    const { document, variables } = loadExample(name);
    const result = await client.query(document, variables, { requestPolicy: 'network-only' }).toPromise();
    expect(result.error?.networkError, name).toBeUndefined();
    // Only the error an example shows on purpose (task-runs asks for a missing run).
    expect(result.error?.graphQLErrors.map((e) => e.extensions.code) ?? [], name).toEqual(name === 'task-runs' ? ['NOT_FOUND'] : []);
    expect(result.data, name).toBeTruthy();
    // Read back from the cache: what Graphcache stored is what the server sent.
    const cached = await client.query(document, variables, { requestPolicy: 'cache-only' }).toPromise();
    expect(cached.data, name).toEqual(result.data);
    seen.push(name);
  }
  return seen;
}

describe('urql Graphcache with the generated schema and keys', () => {
  let stack: Stack;
  let ws: WsClient;
  beforeAll(async () => {
    // Runs started through the API finish in 70 s / 200: the subscription follows one to its end.
    stack = await startStack({ emulator: { clockSpeed: 200 }, env: { GRAPHQL_MUTATIONS: 'true', SUBSCRIPTION_POLL_INTERVAL_MS: '25' } });
    ws = createClient({ url: stack.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  });
  afterAll(async () => {
    await ws.dispose();
    await stack.close();
  });

  it('warns about nothing over every operation in examples/', async () => {
    const warnings: string[] = [];
    const client = urqlClient(stack.url, ws, {
      schema,
      keys,
      resolvers: { MLTransform: { taskRuns: relayPagination() }, Query: { mlTransforms: relayPagination() } },
      logger: (severity, message) => void warnings.push(`${severity}: ${message}`),
    });
    const ran = await runExamples(client);
    expect(ran.sort()).toEqual([...EXAMPLES].sort());
    expect(warnings).toEqual([]);
  });

  it('warns without them (so the check above can fail)', async () => {
    const warnings: string[] = [];
    const client = urqlClient(stack.url, ws, { logger: (severity, message) => void warnings.push(`${severity}: ${message}`) });
    await runExamples(client);
    expect(warnings.some((w) => w.includes('Heuristic Fragment Matching'))).toBe(true);
    expect(warnings.some((w) => w.includes('GlueTable'))).toBe(true);
  });
});
