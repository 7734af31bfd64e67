import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const R = DEMO.runs.succeededFindMatches;
const globalId = (...parts: string[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

describe("Relay's Node interface over real HTTP", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { GLUE_MAX_ATTEMPTS: '1', MAX_TASK_RUNS_PER_REQUEST: '3' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.faults.clear());

  it('node(id:) refetches a run and a transform by the id the schema returned', async () => {
    const first = await stack.query(`query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id status } mlTransform(transformId: $t) { id name } }`, { t: T, r: R });
    expect(first.errors).toBeUndefined();
    const again = await stack.query(
      `query ($run: ID!, $tfm: ID!) {
        run: node(id: $run) { __typename id ... on MLTaskRun { taskRunId status } }
        tfm: node(id: $tfm) { __typename id ... on MLTransform { transformId name } }
      }`,
      { run: first.data.mlTaskRun.id, tfm: first.data.mlTransform.id },
    );
    expect(again.errors).toBeUndefined();
    expect(again.data.run).toEqual({ __typename: 'MLTaskRun', id: first.data.mlTaskRun.id, taskRunId: R, status: first.data.mlTaskRun.status });
    expect(again.data.tfm).toEqual({ __typename: 'MLTransform', id: first.data.mlTransform.id, transformId: T, name: first.data.mlTransform.name });
  });

  it('nodes(ids:) keeps order; a malformed id is BAD_USER_INPUT and an unknown one NOT_FOUND, each null at its index and named', async () => {
    const missing = globalId('MLTaskRun', T, 'tskr-missing');
    const res = await stack.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [globalId('MLTaskRun', T, R), 'not-an-id', missing] });
    expect(res.data.nodes).toEqual([{ id: globalId('MLTaskRun', T, R) }, null, null]);
    const byIndex = new Map(res.errors!.map((e) => [e.path?.[1], e]));
    expect(byIndex.get(1)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(byIndex.get(1)!.message).toContain('"not-an-id"');
    expect(byIndex.get(2)).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(byIndex.get(2)!.message).toContain(missing);
  });

  it('every id counts against MAX_TASK_RUNS_PER_REQUEST, before any Glue call', async () => {
    const ids = [R, R, R, R].map((r) => globalId('MLTaskRun', T, r));
    const res = await stack.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(res.errors![0]!.message).toContain('MAX_TASK_RUNS_PER_REQUEST');
  });
});
