/**
 * What every resolver receives. Built fresh for each GraphQL operation, so the loaders' caches
 * live exactly as long as one operation and never serve one request's data to another.
 */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { GlueApi } from './glue/api.js';
import { createTaskRunLoader, type TaskRunLoader } from './glue/loader.js';
import type { Principal } from './http/auth.js';

export interface GatewayContext {
  config: Config;
  /** Correlates this operation's log lines; also sent back as the `x-request-id` response header. */
  requestId: string;
  /** Carries `requestId`, so every line logged for this operation can be found together. */
  logger: Logger;
  /** The authenticated caller, when authentication is configured. */
  principal?: Principal;
  loaders: {
    taskRun: TaskRunLoader;
  };
}

export interface ContextDeps {
  config: Config;
  glue: GlueApi;
  logger: Logger;
  requestId: string;
  principal?: Principal;
}

export function createContext({ config, glue, logger: baseLogger, requestId, principal }: ContextDeps): GatewayContext {
  const logger = baseLogger.child({ requestId });
  return {
    config,
    requestId,
    logger,
    principal,
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
