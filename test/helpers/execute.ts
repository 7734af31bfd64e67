/** Executes an operation against the real schema with a fake GlueApi: for small unit tests only. */
import { graphql } from 'graphql';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import type { GlueApi } from '../../src/glue/api.js';
import { createTaskRunLoader } from '../../src/glue/loader.js';
import type { TaskRunKey, TaskRunRecord } from '../../src/glue/task-run.js';
import { buildSchema } from '../../src/schema.js';

const schema = buildSchema();

export function fakeGlue(records: Record<string, TaskRunRecord | Error>): GlueApi & { calls: TaskRunKey[] } {
  const calls: TaskRunKey[] = [];
  return {
    calls,
    async ping() {},
    async getMLTaskRun(key) {
      calls.push(key);
      const found = records[key.taskRunId];
      if (found === undefined) throw Object.assign(new Error('not found'), { name: 'EntityNotFoundException', $metadata: { httpStatusCode: 400, requestId: 'req-1' } });
      if (found instanceof Error) throw found;
      return found;
    },
  };
}

export async function run(glue: GlueApi, source: string, variableValues?: Record<string, unknown>) {
  const config = loadConfig({ GLUE_ENDPOINT: 'http://127.0.0.1:1', NODE_ENV: 'test' });
  const result = await graphql({
    schema,
    source,
    variableValues,
    contextValue: {
      config,
      logger: pino({ level: 'silent' }),
      loaders: { taskRun: createTaskRunLoader(glue, { maxTaskRunsPerRequest: config.maxTaskRunsPerRequest }) },
    },
  });
  return JSON.parse(JSON.stringify(result)) as { data?: any; errors?: any[] };
}
