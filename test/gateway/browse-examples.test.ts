// The example operations docs/schema.md points to for browsing, starting and following runs, run
// against the emulator so they never rot.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { loadExample } from '../../src/landing-page.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { record, waitFor, wsClient } from '../helpers/ws.js';

describe('examples/ for transforms, mutations and subscriptions', () => {
  let stack: Stack;
  let client: Client;
  beforeAll(async () => {
    stack = await startStack({ env: { GRAPHQL_MUTATIONS: 'true', SUBSCRIPTION_POLL_INTERVAL_MS: '50' } });
    client = wsClient(stack.url);
  });
  afterAll(async () => {
    await client.dispose();
    await stack.close();
  });

  it('transform-task-runs pages through the failed runs of the demo transform', async () => {
    const { document, variables } = loadExample('transform-task-runs');
    const first = await stack.query(document, variables);
    expect(first.errors).toBeUndefined();
    expect(first.data.mlTransform.name).toBe('customer-dedup');
    const page = first.data.mlTransform.taskRuns;
    expect(page.edges).toHaveLength(1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await stack.query(document, { ...variables, first: 10, after: page.pageInfo.endCursor });
    const ids = [...page.edges, ...second.data.mlTransform.taskRuns.edges].map((e: any) => e.node.taskRunId);
    expect(ids.sort()).toEqual([DEMO.runs.failedImportLabels, DEMO.runs.failedFindMatches].sort());
  });

  it('start-export-labels starts a run that follow-task-run follows to SUCCEEDED', async () => {
    const start = loadExample('start-export-labels');
    const started = await stack.query(start.document, start.variables);
    expect(started.errors).toBeUndefined();
    const { transformId, taskRunId, taskRun } = started.data.startExportLabelsTaskRun;
    expect(taskRun.status).toBe('STARTING');

    const follow = loadExample('follow-task-run');
    const sub = record(client, follow.document, { ...follow.variables, transformId, taskRunId });
    await waitFor('the current state', () => sub.results.length === 1);
    stack.emulator.clock.advance(70_000);
    await sub.ended;
    expect(sub.results.map((r) => r.data?.mlTaskRunUpdated.status)).toEqual(['STARTING', 'SUCCEEDED']);
  });
});
