import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const FIELDS = 'id transformId taskRunId status';

describe('batching over real HTTP', () => {
  let stack: Stack;
  let bulk: string[];
  beforeAll(async () => {
    stack = await startStack({ emulator: { latencyMs: 60 }, env: { GLUE_MAX_CONCURRENCY: '4', MAX_TASK_RUNS_PER_REQUEST: '20' } });
    // Running runs: never cached across requests, so each test's call counts are its own.
    bulk = Array.from({ length: 25 }, () => stack.emulator.store.putTaskRun({ TransformId: T, Status: 'RUNNING' }));
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it('N lookups of K distinct runs cost exactly K GetMLTaskRun calls', async () => {
    const [a, b, c] = bulk as [string, string, string];
    const res = await stack.query(
      `query ($t: ID!, $a: ID!, $b: ID!, $c: ID!) {
        x: mlTaskRun(transformId: $t, taskRunId: $a) { ${FIELDS} }
        y: mlTaskRun(transformId: $t, taskRunId: $a) { ${FIELDS} }
        z: mlTaskRun(transformId: $t, taskRunId: $b) { ${FIELDS} }
        list: mlTaskRuns(keys: [{transformId: $t, taskRunId: $a}, {transformId: $t, taskRunId: $c}, {transformId: $t, taskRunId: $b}, {transformId: $t, taskRunId: $c}]) { ${FIELDS} }
      }`,
      { t: T, a, b, c },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.x.taskRunId).toBe(a);
    expect(res.data.y).toEqual(res.data.x);
    expect(res.data.z.taskRunId).toBe(b);
    expect(res.data.list.map((r: { taskRunId: string }) => r.taskRunId)).toEqual([a, c, b, c]);
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(3);
    expect(stack.emulator.stats.total).toBe(3);
  });

  it('sends the calls concurrently, never more than GLUE_MAX_CONCURRENCY at once', async () => {
    const keys = bulk.slice(0, 12).map((taskRunId) => ({ transformId: T, taskRunId }));
    const started = performance.now();
    const res = await stack.query(`query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { taskRunId } }`, { keys });
    const elapsed = performance.now() - started;
    expect(res.errors).toBeUndefined();
    expect(res.data.mlTaskRuns).toHaveLength(12);
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(12);
    // Calls overlap up to the cap, and the cap holds.
    expect(stack.emulator.stats.peakConcurrent).toBe(4);
    // 12 calls of 60 ms, 4 at a time: 3 waves, far from 12 sequential calls (720 ms).
    expect(elapsed).toBeLessThan(600);
  });

  it('keeps input order and puts null plus one error at the index of a key that fails', async () => {
    const [a, b] = bulk as [string, string];
    const res = await stack.query(
      `query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { taskRunId } }`,
      {
        keys: [
          { transformId: T, taskRunId: a },
          { transformId: T, taskRunId: 'tskr-does-not-exist' },
          { transformId: T, taskRunId: b },
          { transformId: T, taskRunId: '' },
        ],
      },
    );
    expect(res.data.mlTaskRuns).toEqual([{ taskRunId: a }, null, { taskRunId: b }, null]);
    const byIndex = Object.fromEntries(res.errors!.map((e) => [e.path!.at(-1), e]));
    expect(res.errors).toHaveLength(2);
    expect(byIndex[1]!.path).toEqual(['mlTaskRuns', 1]);
    expect(byIndex[1]!.extensions).toMatchObject({ code: 'NOT_FOUND', retryable: false, glue: { exception: 'EntityNotFoundException' } });
    expect(byIndex[1]!.extensions!.glue.requestId).toMatch(/\S+/);
    expect(byIndex[3]!.path).toEqual(['mlTaskRuns', 3]);
    expect(byIndex[3]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'keys[3].taskRunId' });
    // The empty id never reached Glue.
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(3);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'x'.repeat(256)],
    ['a control character', 'abc\u0001'],
    ['a lone surrogate', 'abc\uD800'],
  ])('rejects a taskRunId that is %s with BAD_USER_INPUT naming the argument, without calling Glue', async (_label, id) => {
    const res = await stack.query(`query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id } }`, { t: T, r: id });
    expect(res.data).toEqual({ mlTaskRun: null });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'taskRunId', retryable: false });
    expect(res.errors![0]!.message).toContain('taskRunId');
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('accepts ids at the edges of the constraints (255 characters, tab, emoji) and asks Glue', async () => {
    const res = await stack.query(`query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id } }`, {
      t: T,
      r: `\t😀${'y'.repeat(252)}`,
    });
    expect(res.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(1);
  });

  it('rejects more than MAX_TASK_RUNS_PER_REQUEST distinct runs before any call, in a list, through aliases or as entities', async () => {
    const keys = bulk.slice(0, 21).map((taskRunId) => ({ transformId: T, taskRunId }));
    const list = await stack.query(`query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { id } }`, { keys });
    expect(list.data).toBeNull();
    expect(list.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(list.errors![0]!.message).toContain('MAX_TASK_RUNS_PER_REQUEST');

    const aliases = keys.map((k, i) => `r${i}: mlTaskRun(transformId: "${k.transformId}", taskRunId: "${k.taskRunId}") { id }`);
    const aliased = await stack.query(`{ ${aliases.join('\n')} }`);
    expect(Object.values(aliased.data).every((v) => v === null)).toBe(true);
    expect(aliased.errors!.every((e) => e.extensions!.code === 'BAD_USER_INPUT')).toBe(true);
    expect(stack.emulator.stats.total).toBe(0);

    const entities = await stack.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on MLTaskRun { id } } }`,
      { r: keys.map((k) => ({ __typename: 'MLTaskRun', ...k })) },
    );
    expect(entities.data._entities.every((e: unknown) => e === null)).toBe(true);
    expect(entities.errors!.every((e) => e.extensions!.code === 'BAD_USER_INPUT')).toBe(true);
    expect(stack.emulator.stats.total).toBe(0);

    // In a list every key counts, repeats too (one key repeated thousands of times costs megabytes of answer)...
    const dup = await stack.query(`query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { id } }`, {
      keys: [...keys.slice(0, 11), ...keys.slice(0, 11)],
    });
    expect(dup.errors![0]!.message).toContain('MAX_TASK_RUNS_PER_REQUEST');
    expect(stack.emulator.stats.total).toBe(0);
    // ...and within the limit, repeats still cost one call per distinct run.
    const within = await stack.query(`query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { id } }`, {
      keys: [...keys.slice(0, 10), ...keys.slice(0, 10)],
    });
    expect(within.errors).toBeUndefined();
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(10);
  });
});
