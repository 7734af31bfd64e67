import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy.js';
import { startStack, type Stack } from '../helpers/stack.js';

const C = DEMO.transforms.customers;
const P = DEMO.transforms.products;
const L = DEMO.transforms.leads;

const LIST = `query ($first: Int, $after: String, $filter: MLTransformFilter, $sort: MLTransformSort) {
  mlTransforms(first: $first, after: $after, filter: $filter, sort: $sort) {
    edges { cursor node { transformId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('mlTransforms filter and sort, as Glue receives them', () => {
  let stack: Stack;
  let proxy: RecordingProxy;
  const list = async (variables: Record<string, unknown>) => {
    const res = await stack.query(LIST, variables);
    expect(res.errors).toBeUndefined();
    return res.data.mlTransforms as { edges: { cursor: string; node: { transformId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  };
  const ids = async (variables: Record<string, unknown>) => (await list(variables)).edges.map((e) => e.node.transformId);
  const lastInput = (operation: string) => proxy.inputs(operation).at(-1);

  beforeAll(async () => {
    // The gateway talks to Glue through a proxy that records each request's input.
    proxy = await startRecordingProxy();
    stack = await startStack({ endpoint: proxy.endpoint, env: { GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard' } });
    proxy.upstream = stack.emulator.endpoint;
  });
  afterAll(async () => {
    await stack.close();
    await proxy.close();
  });
  beforeEach(() => {
    proxy.calls.length = 0;
  });

  it('without a sort, asks Glue for CREATED DESCENDING (transforms) and STARTED DESCENDING (runs) explicitly', async () => {
    expect(await ids({})).toEqual([L, C, P]);
    expect(lastInput('GetMLTransforms')).toEqual({ MaxResults: 20, Sort: { Column: 'CREATED', SortDirection: 'DESCENDING' } });
    const runs = await stack.query(`query ($t: ID!) { mlTransform(transformId: $t) { taskRuns(first: 3) { edges { node { taskRunId } } } } }`, { t: C });
    expect(runs.errors).toBeUndefined();
    expect(lastInput('GetMLTaskRuns')).toEqual({ TransformId: C, MaxResults: 3, Sort: { Column: 'STARTED', SortDirection: 'DESCENDING' } });
  });

  it('maps every filter field to TransformFilterCriteria and the sort to TransformSortCriteria', async () => {
    const filter = {
      name: 'customer-dedup',
      transformType: 'FIND_MATCHES',
      status: 'READY',
      glueVersion: '4.0',
      createdBefore: '2024-03-02T00:00:00.000Z',
      createdAfter: '2024-02-28T00:00:00.000Z',
      lastModifiedBefore: '2024-05-03T00:00:00.000Z',
      lastModifiedAfter: '2024-05-01T00:00:00.000Z',
      schema: [{ name: 'email', dataType: 'string' }, { name: 'postcode' }],
    };
    expect(await ids({ filter, sort: { column: 'LAST_MODIFIED', direction: 'ASCENDING' } })).toEqual([C]);
    expect(lastInput('GetMLTransforms')).toEqual({
      MaxResults: 20,
      Filter: {
        Name: 'customer-dedup',
        TransformType: 'FIND_MATCHES',
        Status: 'READY',
        GlueVersion: '4.0',
        CreatedBefore: seconds(filter.createdBefore),
        CreatedAfter: seconds(filter.createdAfter),
        LastModifiedBefore: seconds(filter.lastModifiedBefore),
        LastModifiedAfter: seconds(filter.lastModifiedAfter),
        Schema: [{ Name: 'email', DataType: 'string' }, { Name: 'postcode' }],
      },
      Sort: { Column: 'LAST_MODIFIED', SortDirection: 'ASCENDING' },
    });
  });

  it.each([
    [{ status: 'NOT_READY' }, [L]],
    [{ name: 'product-catalog-matcher' }, [P]],
    [{ transformType: 'FIND_MATCHES' }, [L, C, P]],
    [{ glueVersion: '3.0' }, [P]],
    [{ createdAfter: '2024-02-20T00:00:00Z' }, [L, C]],
    [{ createdBefore: '2024-03-01T00:00:00Z' }, [P]],
    [{ lastModifiedBefore: '2024-05-01T00:00:00Z' }, [L, P]],
    [{ lastModifiedAfter: '2024-04-30T00:00:00Z' }, [C]],
    [{ schema: [{ name: 'email' }] }, [L, C]],
    [{ schema: [{ name: 'email', dataType: 'int' }] }, []],
  ])('filter %j lists %j', async (filter, expected) => {
    expect(await ids({ filter })).toEqual(expected);
  });

  it.each([
    ['NAME', 'ASCENDING', [C, L, P]],
    ['NAME', 'DESCENDING', [P, L, C]],
    ['CREATED', 'ASCENDING', [P, C, L]],
    ['LAST_MODIFIED', 'DESCENDING', [C, L, P]],
  ])('sorts by %s %s', async (column, direction, expected) => {
    expect(await ids({ sort: { column, direction } })).toEqual(expected);
    expect(lastInput('GetMLTransforms')!.Sort).toEqual({ Column: column, SortDirection: direction });
  });

  it('sorts by STATUS and TRANSFORM_TYPE as Glue does', async () => {
    expect((await ids({ sort: { column: 'STATUS', direction: 'DESCENDING' } }))[2]).toBe(L);
    expect((await ids({ sort: { column: 'TRANSFORM_TYPE', direction: 'ASCENDING' } })).sort()).toEqual([C, L, P].sort());
  });

  it('a cursor holds its filter and sort: it pages on with them and is refused with others', async () => {
    const filter = { glueVersion: '4.0' };
    const sort = { column: 'NAME', direction: 'ASCENDING' };
    const first = await list({ first: 1, filter, sort });
    expect(first.edges.map((e) => e.node.transformId)).toEqual([C]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await list({ first: 5, after: first.pageInfo.endCursor, filter, sort });
    expect(next.edges.map((e) => e.node.transformId)).toEqual([L]);
    expect(next.pageInfo.hasNextPage).toBe(false);

    proxy.calls.length = 0;
    for (const variables of [{ filter }, { sort }, { filter: { glueVersion: '3.0' }, sort }, { filter, sort: { column: 'NAME', direction: 'DESCENDING' } }]) {
      const res = await stack.query(LIST, { first: 5, after: first.pageInfo.endCursor, ...variables });
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    }
    expect(proxy.calls).toEqual([]);
  });

  it('a cursor from a list without sort pages on with the newest-first sort spelled out: it is the same list', async () => {
    const first = await list({ first: 1 });
    const next = await list({ first: 1, after: first.pageInfo.endCursor, sort: { column: 'CREATED', direction: 'DESCENDING' } });
    expect([...first.edges, ...next.edges].map((e) => e.node.transformId)).toEqual([L, C]);
  });

  it.each([
    ['name', { name: '' }],
    ['glueVersion', { glueVersion: 'four' }],
    ['schema', { schema: Array.from({ length: 101 }, (_, i) => ({ name: `c${i}` })) }],
  ])('an invalid filter.%s is BAD_USER_INPUT naming filter, before any Glue call', async (field, filter) => {
    const res = await stack.query(LIST, { filter });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter', retryable: false });
    expect(res.errors![0]!.message).toContain(field);
    expect(proxy.calls).toEqual([]);
  });
});
