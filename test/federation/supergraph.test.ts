import { composeServices } from '@apollo/composition';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { PIPELINES_SDL, startPipelinesSubgraph, type PipelineRun } from './pipelines-subgraph.js';

const T = DEMO.transforms.customers;

describe('Federation 2: composed with an independent subgraph behind @apollo/gateway', () => {
  let stack: Stack;
  let pipelines: Awaited<ReturnType<typeof startPipelinesSubgraph>>;
  let gateway: ApolloServer;
  let gatewayUrl: string;
  let runs: PipelineRun[];

  beforeAll(async () => {
    stack = await startStack({ emulator: { latencyMs: 20 } });
    const ids = stack.emulator.store.seedBulk(T, 24);
    runs = ids.map((taskRunId) => ({ transformId: T, taskRunId }));
    // Two pipelines share 4 runs: 28 references, 24 distinct runs.
    pipelines = await startPipelinesSubgraph([
      { id: 'p1', name: 'nightly', runs: runs.slice(0, 14) },
      { id: 'p2', name: 'hourly', runs: runs.slice(10, 24) },
    ]);
    gateway = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: new IntrospectAndCompose({
          subgraphs: [
            { name: 'glue-ml', url: stack.url },
            { name: 'pipelines', url: pipelines.url },
          ],
        }),
      }),
    });
    gatewayUrl = (await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } })).url;
  });

  afterAll(async () => {
    await gateway?.stop();
    await pipelines?.stop();
    await stack?.close();
  });

  it('serves its subgraph SDL at _service { sdl }, and it composes with no errors', async () => {
    const { data } = await stack.query('{ _service { sdl } }');
    const sdl = data._service.sdl as string;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
    expect(sdl).toMatch(/type MLTaskRun\s+implements Node\s+@key\(fields: "transformId taskRunId"\)/);
    const result = composeServices([
      { name: 'glue-ml', typeDefs: parse(sdl), url: stack.url },
      { name: 'pipelines', typeDefs: parse(PIPELINES_SDL), url: pipelines.url },
    ]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('join__type(graph: GLUE_ML, key: "transformId taskRunId")');
  });

  it('resolves a query that starts in the other subgraph and crosses into this one, one Glue call per distinct run', async () => {
    stack.emulator.stats.reset();
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ pipelines { name runs { id taskRunId owner status executionTime properties { __typename } } } }`,
      }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    const [nightly, hourly] = body.data.pipelines;
    expect(nightly.runs).toHaveLength(14);
    expect(hourly.runs).toHaveLength(14);
    const all = [...nightly.runs, ...hourly.runs];
    expect(all.map((r: { taskRunId: string }) => r.taskRunId)).toEqual([...runs.slice(0, 14), ...runs.slice(10, 24)].map((r) => r.taskRunId));
    for (const run of all) {
      expect(run.owner).toBe(`team-${run.taskRunId.slice(-2)}`);
      expect(['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT']).toContain(run.status);
      expect(run.properties.__typename).toMatch(/TaskRunProperties$/);
    }
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(24);
    expect(stack.emulator.stats.peakConcurrent).toBeGreaterThan(1);
  });

  it('a representation that fails gives null and an error at its index; the others resolve', async () => {
    stack.emulator.stats.reset();
    const representations = [
      { __typename: 'MLTaskRun', transformId: T, taskRunId: runs[0]!.taskRunId },
      { __typename: 'MLTaskRun', transformId: T, taskRunId: 'tskr-missing' },
      { __typename: 'MLTaskRun', transformId: T, taskRunId: '' },
      { __typename: 'MLTaskRun', transformId: T, taskRunId: runs[0]!.taskRunId },
      { __typename: 'MLTaskRun', transformId: T, taskRunId: runs[1]!.taskRunId },
    ];
    const res = await stack.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on MLTaskRun { taskRunId } } }`,
      { representations },
    );
    expect(res.data._entities).toEqual([
      { taskRunId: runs[0]!.taskRunId },
      null,
      null,
      { taskRunId: runs[0]!.taskRunId },
      { taskRunId: runs[1]!.taskRunId },
    ]);
    expect(res.errors!.map((e) => [e.path, e.extensions!.code]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
      [['_entities', 2], 'BAD_USER_INPUT'],
    ]);
    // runs[0] and runs[1] are finished and were loaded by the previous test: the finished-run cache
    // answers them, so only the missing run reaches Glue (and the empty id never does).
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(1);
  });
});
