/**
 * What every resolver receives. Built fresh for each GraphQL operation, so the loaders' caches
 * live exactly as long as one operation and never serve one request's data to another.
 */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { TaskRunLoader } from './glue/loader.js';

export interface GatewayContext {
  config: Config;
  logger: Logger;
  loaders: {
    taskRun: TaskRunLoader;
  };
}
