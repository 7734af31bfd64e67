/** Executes an operation against the real schema with a fake GlueApi: for small unit tests only. */
import { graphql } from 'graphql';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import type { GlueApi } from '../../src/glue/operations.js';
import { createTaskRunLoader } from '../../src/data/task-run-loader.js';
import type { TaskRunKey, TaskRunRecord } from '../../src/glue/records.js';
import { buildSchema } from '../../src/schema.js';

const schema = buildSchema();

export function fakeGlue(records: Record<string, TaskRunRecord | Error>): Pick<GlueApi, 'getMLTaskRun'> & { calls: TaskRunKey[] } {
  const calls: TaskRunKey[] = [];
  return {
    calls,
    async getMLTaskRun(key) {
      calls.push(key);
      const found = records[key.taskRunId];
      if (found === undefined) throw Object.assign(new Error('not found'), { name: 'EntityNotFoundException', $metadata: { httpStatusCode: 400, requestId: 'req-1' } });
      if (found instanceof Error) throw found;
      return found;
    },
  };
}

export async function run(glue: Pick<GlueApi, 'getMLTaskRun'>, source: string, variableValues?: Record<string, unknown>) {
  const config = loadConfig({ GLUE_ENDPOINT: 'http://127.0.0.1:1', NODE_ENV: 'test' });
  const logger = pino({ level: 'silent' });
  const result = await graphql({
    schema,
    source,
    variableValues,
    contextValue: {
      config,
      logger,
      loaders: { taskRun: createTaskRunLoader(glue, { maxTaskRunsPerRequest: config.maxTaskRunsPerRequest, failures: { logger, debug: false } }) },
    },
  });
  return JSON.parse(JSON.stringify(result)) as { data?: any; errors?: any[] };
}
