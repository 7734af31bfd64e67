/**
 * A second, independent subgraph written for the federation tests: it owns `Pipeline`, references
 * `MLTaskRun` by key, and contributes a field (`owner`) to it, as a platform team's subgraph would.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export const PIPELINES_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    pipelines: [Pipeline!]!
  }

  type Pipeline @key(fields: "id") {
    id: ID!
    name: String!
    runs: [MLTaskRun!]!
  }

  type MLTaskRun @key(fields: "transformId taskRunId") {
    transformId: ID!
    taskRunId: ID!
    owner: String!
  }
`;

export interface PipelineRun {
  transformId: string;
  taskRunId: string;
}

export async function startPipelinesSubgraph(pipelines: Array<{ id: string; name: string; runs: PipelineRun[] }>) {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(PIPELINES_SDL),
      resolvers: {
        Query: { pipelines: () => pipelines },
        MLTaskRun: {
          owner: (run: PipelineRun) => `team-${run.taskRunId.slice(-2)}`,
        },
      } as never,
    }),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
