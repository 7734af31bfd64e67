// Apollo Client 4 against the gateway on the emulator, configured as docs/clients.md says: the generated
// possibleTypes, runs normalised by id, relayStylePagination over `edges`, persisted queries over GET.
import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskRunsDocument } from '../../examples/web/src/gql/graphql.js';
import { embeddedTypePolicies, possibleTypes } from '../../src/client/index.js';
import { DEMO } from '../../src/emulator/index.js';
import { loadExample } from '../../src/landing-page.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/ws.js';

const C = DEMO.transforms.customers;
const P = DEMO.transforms.products;

interface RunWithFragment {
  mlTaskRun: { id: string; status: string | null; properties: { __typename: string; jobName?: string | null; jobRunId?: string | null; inputS3Path?: string | null } | null };
}
const RUN_WITH_NAMED_FRAGMENT: TypedDocumentNode<RunWithFragment, { t: string; r: string }> = gql`
  fragment RunProps on MLTaskRunProperties {
    ... on FindMatchesTaskRunProperties { jobName jobRunId }
    ... on ImportLabelsTaskRunProperties { inputS3Path }
  }
  query RunWithFragment($t: ID!, $r: ID!) {
    mlTaskRun(transformId: $t, taskRunId: $r) { id status properties { __typename ...RunProps } }
  }
`;

interface RunsPage {
  mlTransform: {
    id: string;
    taskRuns: { edges: Array<{ cursor: string; node: { id: string; taskRunId: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
}
const RUNS_PAGE: TypedDocumentNode<RunsPage, { t: string; first: number; after?: string | null }> = gql`
  query RunsPage($t: ID!, $first: Int, $after: String) {
    mlTransform(transformId: $t) {
      id
      taskRuns(first: $first, after: $after, sort: { column: STARTED, direction: ASCENDING }) {
        edges { cursor node { id taskRunId status } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

function apollo(url: string, cache: InMemoryCache): ApolloClient {
  return new ApolloClient({ link: new HttpLink({ uri: url }), cache });
}

/** The cache as docs/clients.md configures it. */
function configuredCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes,
    typePolicies: { ...embeddedTypePolicies, MLTransform: { fields: { taskRuns: relayStylePagination(['filter', 'sort']) } } },
  });
}

describe('Apollo Client 4 InMemoryCache with the generated possibleTypes', () => {
  let stack: Stack;
  let bulk: string[];
  const warnings: unknown[][] = [];

  beforeAll(async () => {
    stack = await startStack();
    bulk = stack.emulator.store.seedBulk(P, 25);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    warnings.length = 0;
    for (const level of ['warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((...args) => void warnings.push(args));
  });
  afterEach(() => vi.restoreAllMocks());

  it('keeps the fields of a named fragment on the union (and loses them without possibleTypes)', async () => {
    const variables = { t: C, r: DEMO.runs.runningFindMatches };
    const { data } = await apollo(stack.url, configuredCache()).query({ query: RUN_WITH_NAMED_FRAGMENT, variables });
    expect(data?.mlTaskRun.properties).toEqual({
      __typename: 'FindMatchesTaskRunProperties',
      jobName: 'customer-dedup-nightly',
      jobRunId: expect.stringMatching(/^jr_/),
    });
    expect(warnings).toEqual([]);
    // The failure the generated possibleTypes prevents: Apollo cannot tell that a FindMatches variant
    // matches a fragment on the union, and stores only __typename.
    const bare = await apollo(stack.url, new InMemoryCache()).query({ query: RUN_WITH_NAMED_FRAGMENT, variables });
    expect(bare.data?.mlTaskRun.properties).toEqual({ __typename: 'FindMatchesTaskRunProperties' });
  });

  it('normalises runs by id: a run fetched by two operations is one cache entry, its properties embedded', async () => {
    const cache = configuredCache();
    const client = apollo(stack.url, cache);
    const { keys } = loadExample('task-runs').variables as { keys: Array<{ transformId: string; taskRunId: string }> };
    const found = keys.filter((k) => k.taskRunId !== 'tskr-missing');
    const list = await client.query({ query: TaskRunsDocument, variables: { keys: found }, errorPolicy: 'all' });
    const runs = list.data!.mlTaskRuns.map((run) => run!);
    const one = await client.query({ query: RUN_WITH_NAMED_FRAGMENT, variables: { t: C, r: DEMO.runs.runningFindMatches } });
    const stored = cache.extract() as Record<string, any>;
    const runKeys = Object.keys(stored).filter((key) => key.startsWith('MLTaskRun:'));
    expect(runKeys.sort()).toEqual(runs.map((run) => `MLTaskRun:${run.id}`).sort());
    // The single-run query points at the entry the list wrote, and the list's fields are still there.
    expect(stored[`MLTaskRun:${one.data!.mlTaskRun.id}`]).toMatchObject({ taskRunId: DEMO.runs.runningFindMatches, executionTime: expect.any(Number) });
    expect(Object.keys(stored).filter((key) => key.includes('Properties:'))).toEqual([]);
    // Both operations' property fields, merged (embeddedTypePolicies), with no "data may be lost" warning.
    expect(stored[`MLTaskRun:${one.data!.mlTaskRun.id}`].properties).toMatchObject({ jobId: expect.any(String), jobName: 'customer-dedup-nightly' });
    expect(warnings).toEqual([]);
  });

  it('merges relayStylePagination pages over edges with no duplicates, even when pages overlap', async () => {
    const client = apollo(stack.url, configuredCache());
    const runs = client.watchQuery({ query: RUNS_PAGE, variables: { t: P, first: 10 } });
    const seen: string[][] = [];
    let firstPage!: (data: RunsPage) => void;
    const firstLoaded = new Promise<RunsPage>((resolve) => (firstPage = resolve));
    const subscription = runs.subscribe((result) => {
      if (result.dataState !== 'complete') return;
      seen.push(result.data.mlTransform.taskRuns.edges.map((e) => e.node.taskRunId));
      firstPage(result.data);
    });
    try {
      const firstEdges = (await firstLoaded).mlTransform.taskRuns.edges;
      expect(firstEdges.map((e) => e.node.taskRunId)).toEqual(bulk.slice(0, 10));
      // Overlapping page: resumes after the 5th run, so runs 6–10 come again; then page on to the end.
      let after: string | null = firstEdges[4]!.cursor;
      for (let pages = 0; after !== null && pages < 10; pages++) {
        const next: ApolloClient.QueryResult<RunsPage> = await runs.fetchMore({ variables: { after } });
        const { pageInfo } = next.data!.mlTransform.taskRuns;
        after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
      }
      // The watcher hears of the merged cache asynchronously, after fetchMore resolves.
      await waitFor('the watcher to see every run', () => seen.at(-1)?.length === bulk.length);
      const current = runs.getCurrentResult();
      if (current.dataState !== 'complete') throw new Error(`cache result is ${current.dataState}`);
      const merged = current.data.mlTransform.taskRuns;
      expect(merged.edges.map((e) => e.node.taskRunId)).toEqual(bulk);
      expect(merged.pageInfo.hasNextPage).toBe(false);
      // What the page watching the query saw last: every run once, in order.
      expect(seen.at(-1)).toEqual(bulk);
      expect(warnings).toEqual([]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('persisted queries over GET: the second request carries only the hash', async () => {
    const requests: Array<{ method: string; url: string }> = [];
    const fetchAndRecord: typeof fetch = (input, init) => {
      requests.push({ method: init?.method ?? 'GET', url: String(input) });
      return fetch(input, init);
    };
    // As docs/clients.md has it: Web Crypto, in browsers and on Node alike.
    const sha256 = async (query: string) => {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(query));
      return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
    };
    const client = new ApolloClient({
      cache: new InMemoryCache({ possibleTypes }),
      link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
        // GET must carry a header a browser would preflight, or CSRF prevention refuses it.
        new HttpLink({ uri: stack.url, headers: { 'apollo-require-preflight': 'true' }, fetch: fetchAndRecord }),
      ),
    });
    const variables = { t: C, r: DEMO.runs.succeededFindMatches };
    for (let i = 0; i < 2; i++) {
      const { data } = await client.query({ query: RUN_WITH_NAMED_FRAGMENT, variables, fetchPolicy: 'network-only' });
      expect(data?.mlTaskRun.status).toBe('SUCCEEDED');
    }
    const last = requests.at(-1)!;
    expect(last.method).toBe('GET');
    expect(new URL(last.url).searchParams.has('query')).toBe(false);
    expect(new URL(last.url).searchParams.get('extensions')).toContain('persistedQuery');
  });
});
