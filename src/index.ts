/**
 * `npm start` (tsx, development) and `npm run start:prod` (compiled: node dist/index.js): validate the
 * configuration, pick the Glue upstream, start the gateway, and stop cleanly on SIGTERM/SIGINT.
 * Everything else lives in modules the tests can start on their own.
 */
import { startApp, type AppUpstream } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { unsetEmptyVariables } from './empty-env.js';
import type { RunningEmulator } from './emulator/index.js';
import { createLogger } from './logger.js';
import { startTracing } from './observability/otel-sdk.js';

async function main(): Promise<void> {
  unsetEmptyVariables(process.env);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const { otlpEndpoint, serviceName } = config.tracing;
  const tracing = otlpEndpoint ? startTracing({ serviceName, otlpEndpoint }) : undefined;
  if (tracing) logger.info({ serviceName }, 'Exporting OpenTelemetry traces over OTLP/HTTP');

  let emulator: RunningEmulator | undefined;
  let upstream: AppUpstream;
  if (config.upstream.kind === 'embedded-emulator') {
    // Loaded only when used: a deployment against AWS never loads the emulator's code.
    const { startEmulator } = await import('./emulator/index.js');
    emulator = await startEmulator({ host: '127.0.0.1', port: 0, clockSpeed: config.upstream.clockSpeed });
    upstream = { region: 'us-east-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' } };
    logger.info(
      { emulator: emulator.endpoint },
      `No Glue upstream configured (GLUE_ENDPOINT, AWS_REGION, AWS_PROFILE): using the embedded Glue emulator at ${emulator.endpoint} with its demo data`,
    );
  } else {
    upstream = { region: config.upstream.region, endpoint: config.upstream.endpoint };
    logger.info({ region: upstream.region, endpoint: upstream.endpoint ?? 'AWS default' }, 'Using AWS Glue');
  }

  const app = await startApp(config, upstream, logger);
  logger.info({ url: app.url }, `GraphQL gateway ready at ${app.url}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Not ready at once, so load balancers stop routing here; keep serving during the delay.
    app.gateway.readiness.markDraining();
    logger.info({ signal, delayMs: config.shutdown.delayMs, graceMs: config.shutdown.graceMs }, 'Shutting down');
    await new Promise((resolve) => setTimeout(resolve, config.shutdown.delayMs));
    // Refuses new connections, lets in-flight operations finish (cut after SHUTDOWN_GRACE_MS).
    await app.stop();
    await emulator?.close();
    await tracing?.shutdown();
    logger.info('Stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // A rejection nobody handled is a bug; log it (without its details) and keep serving the others.
  process.on('unhandledRejection', (reason) => {
    logger.error({ error: reason instanceof Error ? reason.name : typeof reason }, 'Unhandled promise rejection');
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
