import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const P = DEMO.transforms.products;
const C = DEMO.transforms.customers;
const BULK = 57;

const PAGE = `query ($t: ID!, $first: Int, $after: String, $filter: MLTaskRunFilter, $sort: MLTaskRunSort) {
  mlTransform(transformId: $t) {
    taskRuns(first: $first, after: $after, filter: $filter, sort: $sort) {
      edges { cursor node { taskRunId status rawTaskType startedOn } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`;

interface Run {
  taskRunId: string;
  status: string;
  rawTaskType: string;
  startedOn: string;
}

describe('MLTransform.taskRuns: a Relay connection over GetMLTaskRuns', () => {
  let stack: Stack;
  /** Runs of `products`, oldest first: seedBulk starts run i at a fixed instant plus i minutes. */
  let bulk: string[];

  const page = async (variables: Record<string, unknown>) => {
    const res = await stack.query(PAGE, { t: P, ...variables });
    return res;
  };
  /** Follows endCursor until hasNextPage is false; returns the runs in the order received and the page count. */
  const pageThrough = async (variables: Record<string, unknown>, start: string | null = null) => {
    const runs: Run[] = [];
    let after = start;
    let pages = 0;
    for (;;) {
      const res = await page({ ...variables, after });
      expect(res.errors).toBeUndefined();
      const connection = res.data.mlTransform.taskRuns;
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      runs.push(...connection.edges.map((e: { node: Run }) => e.node));
      pages++;
      if (!connection.pageInfo.hasNextPage) return { runs, pages };
      after = connection.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    stack = await startStack();
    bulk = stack.emulator.store.seedBulk(P, BULK);
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it('pages through every run exactly once, in the requested order', async () => {
    const { runs, pages } = await pageThrough({ first: 10, sort: { column: 'STARTED', direction: 'ASCENDING' } });
    expect(runs.map((r) => r.taskRunId)).toEqual(bulk);
    expect(pages).toBe(6);
    // One GetMLTaskRuns per page (and one GetMLTransform per page for the parent).
    expect(stack.emulator.stats.calls).toEqual({ GetMLTransform: pages, GetMLTaskRuns: pages });
  });

  it('defaults to newest first (sent to Glue explicitly) and 20 runs a page', async () => {
    const res = await page({});
    const connection = res.data.mlTransform.taskRuns;
    expect(connection.edges.map((e: { node: Run }) => e.node.taskRunId)).toEqual([...bulk].reverse().slice(0, 20));
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0].cursor);
    expect(connection.pageInfo.endCursor).toBe(connection.edges[19].cursor);
  });

  it('every edge\'s cursor resumes right after that edge', async () => {
    const sort = { column: 'STARTED', direction: 'ASCENDING' };
    const first = await page({ first: 10, sort });
    const edges = first.data.mlTransform.taskRuns.edges;
    for (const i of [0, 4, 8]) {
      const next = await page({ first: 15, sort, after: edges[i].cursor });
      expect(next.errors).toBeUndefined();
      expect(next.data.mlTransform.taskRuns.edges.map((e: { node: Run }) => e.node.taskRunId)).toEqual(bulk.slice(i + 1, i + 16));
    }
    // Paging on from a mid-page edge to the end returns the rest exactly once.
    const rest = await pageThrough({ first: 7, sort }, edges[4].cursor);
    expect(rest.runs.map((r) => r.taskRunId)).toEqual(bulk.slice(5));
  });

  it('runs added between pages neither repeat nor shift the runs still to come', async () => {
    const t = stack.emulator.store.putTransform({ Name: 'growing', Status: 'READY' });
    const runs = stack.emulator.store.seedBulk(t, 30);
    const sort = { column: 'STARTED', direction: 'DESCENDING' };
    const first = await page({ t, first: 10, sort });
    const seen = first.data.mlTransform.taskRuns.edges.map((e: { node: Run }) => e.node.taskRunId);
    // Newer runs sort before everything already returned.
    for (let i = 0; i < 3; i++) stack.emulator.store.putTaskRun({ TransformId: t, Status: 'SUCCEEDED', StartedOn: new Date() });
    const rest = await pageThrough({ t, first: 7, sort }, first.data.mlTransform.taskRuns.pageInfo.endCursor);
    expect([...seen, ...rest.runs.map((r) => r.taskRunId)]).toEqual([...runs].reverse());
  });

  it('filters and sorts with Glue\'s criteria', async () => {
    const { runs } = await pageThrough({
      first: 4,
      filter: { status: 'SUCCEEDED', startedAfter: '2024-01-01T00:09:30Z', startedBefore: '2024-01-01T00:40:30Z' },
      sort: { column: 'TASK_RUN_TYPE', direction: 'DESCENDING' },
    });
    const expected = bulk.filter((id, i) => i >= 10 && i <= 40 && stack.emulator.store.getTaskRun(P, id)!.Status === 'SUCCEEDED');
    expect(runs.map((r) => r.taskRunId).sort()).toEqual([...expected].sort());
    expect(new Set(runs.map((r) => r.taskRunId)).size).toBe(runs.length);
    expect(runs.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    const types = runs.map((r) => r.rawTaskType);
    expect(types).toEqual([...types].sort().reverse());

    const imports = await page({ first: 1000, filter: { taskType: 'IMPORT_LABELS' } });
    const importRuns = imports.data.mlTransform.taskRuns.edges.map((e: { node: Run }) => e.node);
    expect(importRuns.length).toBe(bulk.filter((_, i) => i % 5 === 3).length);
    expect(importRuns.every((r: Run) => r.rawTaskType === 'IMPORT_LABELS')).toBe(true);
  });

  it('listed runs are primed into the task-run loader: nodes and their transform cost no further call', async () => {
    const res = await stack.query(
      `query ($t: ID!) { mlTransform(transformId: $t) { name taskRuns(first: 30) {
        edges { node { taskRunId status executionTime transform { name } } }
        nodes { taskRunId completedOn }
      } } }`,
      { t: P },
    );
    expect(res.errors).toBeUndefined();
    const { edges, nodes } = res.data.mlTransform.taskRuns;
    expect(nodes.map((n: Run) => n.taskRunId)).toEqual(edges.map((e: { node: Run }) => e.node.taskRunId));
    expect(edges.every((e: any) => e.node.transform.name === 'product-catalog-matcher')).toBe(true);
    expect(stack.emulator.stats.calls).toEqual({ GetMLTransform: 1, GetMLTaskRuns: 1 });
  });

  it.each([-1, 1001])('first: %i is BAD_USER_INPUT, before any GetMLTaskRuns', async (first) => {
    const res = await page({ first });
    // taskRuns is non-null, so its error nulls the transform.
    expect(res.data).toEqual({ mlTransform: null });
    expect(res.errors![0]!.path).toEqual(['mlTransform', 'taskRuns']);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(res.errors![0]!.message).toContain('between 0 and 1000');
    expect(stack.emulator.stats.calls.GetMLTaskRuns).toBeUndefined();
  });

  it('first: 0 is an empty page whose pageInfo says whether runs follow; the transform stays', async () => {
    const sort = { column: 'STARTED', direction: 'ASCENDING' };
    const res = await page({ first: 0, sort });
    expect(res.errors).toBeUndefined();
    expect(res.data.mlTransform.taskRuns).toEqual({
      edges: [],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
    // One smallest-page call to learn hasNextPage.
    expect(stack.emulator.stats.calls.GetMLTaskRuns).toBe(1);
    // After the last run nothing follows; after the one before it, one run does.
    const all = await page({ first: 1000, sort });
    const edges = all.data.mlTransform.taskRuns.edges;
    const atEnd = await page({ first: 0, sort, after: edges.at(-1).cursor });
    expect(atEnd.data.mlTransform.taskRuns.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    const beforeEnd = await page({ first: 0, sort, after: edges.at(-2).cursor });
    expect(beforeEnd.data.mlTransform.taskRuns.pageInfo.hasNextPage).toBe(true);
    // A transform without runs has nothing next.
    const empty = await stack.query(PAGE, { t: DEMO.transforms.leads, first: 0, filter: { status: 'FAILED' } });
    expect(empty.data.mlTransform.taskRuns.pageInfo.hasNextPage).toBe(false);
  });

  it('first: 1000 is allowed (Glue\'s largest page)', async () => {
    const res = await page({ first: 1000 });
    expect(res.errors).toBeUndefined();
    expect(res.data.mlTransform.taskRuns.edges.length).toBeGreaterThanOrEqual(BULK);
    expect(res.data.mlTransform.taskRuns.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['not base64 JSON', () => 'not-a-cursor!'],
    ['empty', () => ''],
    ['a forged offset', () => Buffer.from(JSON.stringify({ v: 1, q: 'x', t: null, o: 5000 })).toString('base64url')],
  ])('a cursor that is %s is BAD_USER_INPUT naming "after"', async (_label, cursor) => {
    const res = await page({ first: 5, after: cursor() });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after', retryable: false });
    expect(stack.emulator.stats.calls.GetMLTaskRuns).toBeUndefined();
  });

  it('a cursor is refused with another filter, sort or transform than it was issued for', async () => {
    const issued = await page({ first: 5, filter: { status: 'FAILED' }, sort: { column: 'STARTED', direction: 'ASCENDING' } });
    const cursor = issued.data.mlTransform.taskRuns.pageInfo.endCursor;
    stack.emulator.stats.reset();
    const variants = [
      { t: P, filter: { status: 'SUCCEEDED' }, sort: { column: 'STARTED', direction: 'ASCENDING' } },
      { t: P, filter: { status: 'FAILED' }, sort: { column: 'STARTED', direction: 'DESCENDING' } },
      { t: P, sort: { column: 'STARTED', direction: 'ASCENDING' } },
      { t: C, filter: { status: 'FAILED' }, sort: { column: 'STARTED', direction: 'ASCENDING' } },
    ];
    for (const variables of variants) {
      const res = await stack.query(PAGE, { first: 5, after: cursor, ...variables });
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
      expect(res.errors![0]!.message).toContain('same parent, filter and sort');
    }
    expect(stack.emulator.stats.calls.GetMLTaskRuns).toBeUndefined();
    // With the same filter and sort it works.
    const same = await page({ first: 5, after: cursor, filter: { status: 'FAILED' }, sort: { column: 'STARTED', direction: 'ASCENDING' } });
    expect(same.errors).toBeUndefined();
  });

  it('NOT_FOUND for the runs of a transform that does not exist', async () => {
    const res = await stack.query(`{ mlTransform(transformId: "tfm-nope") { taskRuns { edges { cursor } } } }`);
    expect(res.data).toEqual({ mlTransform: null });
    expect(res.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});
