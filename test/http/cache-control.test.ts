import { GetMLTaskRunCommand, GlueClient, StartImportLabelsTaskRunCommand } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { get, post } from '../helpers/http.js';
import { startStack, type Stack } from '../helpers/stack.js';

const T = DEMO.transforms.customers;
const RUN = `query Run($t: ID!, $r: ID!) {
  mlTaskRun(transformId: $t, taskRunId: $r) { id __typename status properties { __typename ... on FindMatchesTaskRunProperties { jobName } } }
}`;
const RUNS = `query Runs($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { id status } }`;
const keysOf = (...runs: string[]) => runs.map((taskRunId) => ({ transformId: T, taskRunId }));

async function cacheControlOf(res: Response): Promise<string | null> {
  const body = (await res.json()) as { errors?: unknown[] };
  expect(res.status).toBe(200);
  return res.headers.get('cache-control') + (body.errors ? ' (with errors)' : '');
}

describe('Cache-Control follows the task runs in the response', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('a finished run is public for CACHE_FINISHED_MAX_AGE (default 300 s), properties included', async () => {
    for (const r of [DEMO.runs.succeededFindMatches, DEMO.runs.failedFindMatches, DEMO.runs.timeoutFindMatches, DEMO.runs.stoppedLabelingSetGeneration]) {
      expect(await cacheControlOf(await get(stack.url, { query: RUN, variables: { t: T, r } }))).toBe('max-age=300, public');
    }
  });

  it('a run in progress is not stored (CACHE_IN_PROGRESS_MAX_AGE defaults to 0)', async () => {
    for (const r of [DEMO.runs.runningFindMatches, DEMO.runs.startingEvaluation, DEMO.runs.stoppingExportLabels]) {
      expect(await cacheControlOf(await get(stack.url, { query: RUN, variables: { t: T, r } }))).toBe('no-store');
    }
  });

  it('a list is only as cacheable as its least cacheable run', async () => {
    const finished = keysOf(DEMO.runs.succeededImportLabels, DEMO.runs.failedImportLabels);
    expect(await cacheControlOf(await get(stack.url, { query: RUNS, variables: { keys: finished } }))).toBe('max-age=300, public');
    const mixed = keysOf(DEMO.runs.succeededImportLabels, DEMO.runs.runningFindMatches);
    expect(await cacheControlOf(await get(stack.url, { query: RUNS, variables: { keys: mixed } }))).toBe('no-store');
  });

  it('errors make the response uncacheable, even next to finished runs', async () => {
    const withMissing = keysOf(DEMO.runs.succeededImportLabels, 'tskr-missing');
    expect(await cacheControlOf(await get(stack.url, { query: RUNS, variables: { keys: withMissing } }))).toBe('no-store (with errors)');
    const invalid = await get(stack.url, { query: RUN, variables: { t: T, r: 'not valid!' } });
    expect(await cacheControlOf(invalid)).toBe('no-store (with errors)');
  });

  it('POST responses carry the same policy (a CDN caches only GET, a browser cache may use either)', async () => {
    const res = await post(stack.url, { query: RUN, variables: { t: T, r: DEMO.runs.succeededEvaluation } });
    expect(await cacheControlOf(res)).toBe('max-age=300, public');
  });

  it('federation _entities lookups get the same hints', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on MLTaskRun { id status } } }`;
    const rep = (taskRunId: string) => ({ __typename: 'MLTaskRun', transformId: T, taskRunId });
    const finished = await post(stack.url, { query, variables: { reps: [rep(DEMO.runs.succeededFindMatches)] } });
    expect(await cacheControlOf(finished)).toBe('max-age=300, public');
    const running = await post(stack.url, { query, variables: { reps: [rep(DEMO.runs.succeededFindMatches), rep(DEMO.runs.runningFindMatches)] } });
    expect(await cacheControlOf(running)).toBe('no-store');
  });

  it('the same run turns cacheable once it reaches a finished status', async () => {
    const glue = new GlueClient({ endpoint: stack.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    const { TaskRunId } = await glue.send(new StartImportLabelsTaskRunCommand({ TransformId: T, InputS3Path: 's3://demo-glue-ml/labels/cache.csv' }));
    const variables = { t: T, r: TaskRunId! };
    expect(await cacheControlOf(await get(stack.url, { query: RUN, variables }))).toBe('no-store');
    stack.emulator.clock.advance(120_000);
    expect((await glue.send(new GetMLTaskRunCommand({ TransformId: T, TaskRunId }))).Status).toBe('SUCCEEDED');
    expect(await cacheControlOf(await get(stack.url, { query: RUN, variables }))).toBe('max-age=300, public');
    glue.destroy();
  });
});

describe('cache lifetimes come from configuration', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { CACHE_FINISHED_MAX_AGE: '86400', CACHE_IN_PROGRESS_MAX_AGE: '5' } });
  });
  afterAll(() => stack.close());

  it('CACHE_FINISHED_MAX_AGE and CACHE_IN_PROGRESS_MAX_AGE set the max-age', async () => {
    const finished = await get(stack.url, { query: RUN, variables: { t: T, r: DEMO.runs.succeededFindMatches } });
    expect(await cacheControlOf(finished)).toBe('max-age=86400, public');
    const running = await get(stack.url, { query: RUN, variables: { t: T, r: DEMO.runs.runningFindMatches } });
    expect(await cacheControlOf(running)).toBe('max-age=5, public');
    const mixed = keysOf(DEMO.runs.succeededFindMatches, DEMO.runs.startingEvaluation);
    expect(await cacheControlOf(await get(stack.url, { query: RUNS, variables: { keys: mixed } }))).toBe('max-age=5, public');
  });
});
