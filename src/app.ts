/**
 * The composition root: from a validated Config to a running gateway. Shared by `npm start` and the
 * integration tests, so the tests exercise exactly the wiring production uses.
 */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createGlueApi } from './glue/api.js';
import { createGlueClient } from './glue/client.js';
import { createGateway, type Gateway } from './server.js';

export interface AppUpstream {
  region: string;
  endpoint?: string;
  /** Static credentials for endpoints that do not verify them (the emulator); AWS uses the default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface App {
  gateway: Gateway;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startApp(config: Config, upstream: AppUpstream, logger: Logger): Promise<App> {
  const client = createGlueClient({ ...upstream, glue: config.glue });
  const glue = createGlueApi(client, { maxConcurrency: config.glue.maxConcurrency, timeoutMs: config.glue.timeoutMs });
  const gateway = await createGateway({ config, glue, logger });
  const { url, port } = await gateway.listen();
  return {
    gateway,
    url,
    port,
    async stop() {
      await gateway.stop();
      client.destroy();
    },
  };
}
