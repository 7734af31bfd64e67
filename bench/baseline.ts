/**
 * The naive gateway the benchmark compares against: the same schema and field resolvers, served the
 * same way (Express 5, Apollo Server 5, the same Glue client: region, HTTP agents and timeouts), but
 * every root field and entity calls GetMLTaskRun itself. No DataLoader, no cache, no coalescing, no
 * concurrency cap, and no upstream policy (so the SDK's own retries, and the SDK's defaults for how a
 * call is sent): what a first implementation looks like.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { GetMLTaskRunCommand } from '@aws-sdk/client-glue';
import express from 'express';
import { parse } from 'graphql';
import { pino } from 'pino';
import type { AppUpstream } from '../src/app.js';
import type { Config } from '../src/config.js';
import { upstreamFailure } from '../src/data/upstream-failure.js';
import { formatError } from '../src/format-error.js';
import { createGlueClient } from '../src/glue/client.js';
import type { TaskRunKey, TaskRunRecord } from '../src/glue/records.js';
import { resolvers } from '../src/resolvers/index.js';
import { loadTypeDefs } from '../src/schema.js';

export interface Baseline {
  url: string;
  stop(): Promise<void>;
}

const silent = pino({ level: 'silent' });

export async function startBaseline(config: Config, upstream: AppUpstream): Promise<Baseline> {
  const client = createGlueClient({ ...upstream, glue: config.glue });
  const getRun = async ({ transformId, taskRunId }: TaskRunKey): Promise<TaskRunRecord> => {
    try {
      const { $metadata: _metadata, ...run } = await client.send(new GetMLTaskRunCommand({ TransformId: transformId, TaskRunId: taskRunId }));
      return run;
    } catch (err) {
      throw upstreamFailure(err, { operation: 'GetMLTaskRun', ids: { transformId, taskRunId } }, { logger: silent, debug: false });
    }
  };
  const naive = {
    ...resolvers,
    Query: {
      mlTaskRun: (_: unknown, key: TaskRunKey) => getRun(key),
      mlTaskRuns: (_: unknown, { keys }: { keys: TaskRunKey[] }) => keys.map(getRun),
    },
    MLTaskRun: { ...resolvers.MLTaskRun, __resolveReference: (key: TaskRunKey) => getRun(key) },
  };
  const apollo = new ApolloServer({
    logger: pino({ level: 'silent' }),
    schema: buildSubgraphSchema({ typeDefs: parse(loadTypeDefs()), resolvers: naive as never }),
    formatError: (formatted, error) => formatError(formatted, error, { debug: false }),
  });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));
  const httpServer = createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`,
    async stop() {
      await apollo.stop();
      httpServer.close();
      client.destroy();
    },
  };
}
