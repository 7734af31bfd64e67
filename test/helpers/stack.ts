/**
 * Starts the real gateway on a free port against the Glue emulator on another, over real HTTP,
 * with the same wiring `npm start` uses. Every integration test goes through this.
 */
import { pino, type Logger } from 'pino';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface Stack {
  app: App;
  url: string;
  emulator: RunningEmulator;
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startStack(
  options: { emulator?: EmulatorOptions; env?: Record<string, string>; endpoint?: string; logger?: Logger } = {},
): Promise<Stack> {
  const emulator = await startEmulator({ ...options.emulator });
  const endpoint = options.endpoint ?? emulator.endpoint;
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    AWS_REGION: 'us-east-1',
    GLUE_ENDPOINT: endpoint,
    // Production serves /metrics on a port of its own (9464 by default): a free one, so stacks can run in parallel.
    ...(options.env?.NODE_ENV === 'production' ? { METRICS_PORT: '0' } : {}),
    ...options.env,
  });
  const app = await startApp(config, { region: 'us-east-1', endpoint }, options.logger ?? pino({ level: 'silent' }));
  return {
    app,
    url: app.url,
    emulator,
    async query(query, variables) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
    async close() {
      await app.stop();
      await emulator.close();
    },
  };
}
