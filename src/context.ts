/**
 * What every resolver receives. Built fresh for each GraphQL operation, so the loaders' caches
 * live exactly as long as one operation and never serve one request's data to another.
 */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { GlueApi } from './glue/api.js';
import { createTaskRunLoader, type TaskRunLoader } from './glue/loader.js';

export interface GatewayContext {
  config: Config;
  logger: Logger;
  loaders: {
    taskRun: TaskRunLoader;
  };
}

export interface ContextDeps {
  config: Config;
  glue: GlueApi;
  logger: Logger;
}

export function createContext({ config, glue, logger }: ContextDeps): GatewayContext {
  return {
    config,
    logger,
    loaders: {
      taskRun: createTaskRunLoader(glue, {
        maxTaskRunsPerRequest: config.maxTaskRunsPerRequest,
        debugErrors: config.debugErrors,
        onUpstreamError: (key, err) => {
          const e = err as { name?: string; $metadata?: { requestId?: string } };
          logger.warn(
            { transformId: key.transformId, taskRunId: key.taskRunId, error: e.name, glueRequestId: e.$metadata?.requestId },
            'GetMLTaskRun failed',
          );
        },
      }),
    },
  };
}
