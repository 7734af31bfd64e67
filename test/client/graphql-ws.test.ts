// graphql-ws 6 on Node (the `ws` package as webSocketImpl) follows a run it started to its end, as
// docs/clients.md describes for the demo data: mutations on, the emulator's clock sped up.
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { GraphQLClient } from 'graphql-request';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowTaskRunDocument, StartExportLabelsDocument, type FollowTaskRunSubscription } from '../../examples/web/src/gql/graphql.js';
import { DEMO } from '../../src/emulator/index.js';
import { loadExample } from '../../src/landing-page.js';
import { startStack, type Stack } from '../helpers/stack.js';

const ORDER = ['STARTING', 'RUNNING', 'SUCCEEDED'];

describe('a graphql-ws client follows a started run to its end', () => {
  let stack: Stack;
  beforeAll(async () => {
    // 10 s STARTING + 60 s RUNNING, 20 times faster: 3.5 s. Polls every 100 ms see each status.
    stack = await startStack({ emulator: { clockSpeed: 20 }, env: { GRAPHQL_MUTATIONS: 'true', SUBSCRIPTION_POLL_INTERVAL_MS: '100' } });
  });
  afterAll(() => stack.close());

  it('STARTING → RUNNING → SUCCEEDED, then the subscription completes', async () => {
    const http = new GraphQLClient(stack.url);
    const { startExportLabelsTaskRun: started } = await http.request(StartExportLabelsDocument, loadExample('start-export-labels').variables as never);
    expect(started.transformId).toBe(DEMO.transforms.products);

    const ws = createClient({ url: stack.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
    const updates: FollowTaskRunSubscription['mlTaskRunUpdated'][] = [];
    try {
      const query = print(FollowTaskRunDocument);
      for await (const result of ws.iterate<FollowTaskRunSubscription>({ query, variables: { transformId: started.transformId, taskRunId: started.taskRunId } })) {
        expect(result.errors).toBeUndefined();
        updates.push(result.data!.mlTaskRunUpdated);
      }
    } finally {
      await ws.dispose();
    }
    const statuses: string[] = updates.map((u) => u.status!);
    // One event per change, in lifecycle order, ending with the finished status (the loop ended: completed).
    expect(statuses).toEqual(ORDER.filter((s) => statuses.includes(s)));
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    expect(updates.at(-1)!.completedOn).toEqual(expect.any(String));
  });
});
