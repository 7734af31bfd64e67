/**
 * A fleet for tests: one real redis-server, the emulator (in this process, so its counters and store
 * are at hand) and three gateway processes sharing both, plus a recorder of when Glue got each call.
 */
import { createClient } from '@keyv/redis';
import { DEMO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

export interface Fleet {
  redis: RedisServer;
  emulator: RunningEmulator;
  gateways: GatewayProcess[];
  env: Record<string, string>;
  /** When Glue received each call of `operation` since the fleet started (sampled every 2 ms). */
  callTimes(operation: string): number[];
  /** The value of a Redis key, read with a connection of the test's own. */
  redisGet(pattern: string): Promise<Array<{ key: string; value: string | null }>>;
  replaceGateway(index: number): Promise<GatewayProcess>;
  close(): Promise<void>;
}

export async function startFleet(env: Record<string, string>, size = 3): Promise<Fleet> {
  const redis = await startRedis();
  const emulator = await startEmulator();
  const fullEnv = { GLUE_ENDPOINT: emulator.endpoint, REDIS_URL: redis.url, GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard', ...env };
  const started = await Promise.allSettled(Array.from({ length: size }, () => startGatewayProcess(fullEnv)));
  const gateways = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    // Leave nothing running behind a failed start.
    await Promise.all(gateways.map((g) => g.stop()));
    await emulator.close();
    await redis.stop();
    throw failed.reason;
  }
  const times: Record<string, number[]> = {};
  const last: Record<string, number> = {};
  const sampler = setInterval(() => {
    const now = Date.now();
    for (const [operation, count] of Object.entries(emulator.stats.calls)) {
      const seen = Math.min(last[operation] ?? 0, count);
      for (let i = seen; i < count; i++) (times[operation] ??= []).push(now);
      last[operation] = count;
    }
  }, 2);
  return {
    redis,
    emulator,
    gateways,
    env: fullEnv,
    callTimes: (operation) => times[operation] ?? [],
    async redisGet(pattern) {
      const client = createClient({ url: redis.url });
      await client.connect();
      try {
        const keys = await client.keys(pattern);
        return await Promise.all(keys.map(async (key) => ({ key, value: await client.get(key) })));
      } finally {
        client.destroy();
      }
    },
    async replaceGateway(index) {
      await gateways[index]!.stop();
      gateways[index] = await startGatewayProcess(fullEnv);
      return gateways[index];
    },
    async close() {
      clearInterval(sampler);
      await Promise.all(gateways.map((g) => g.stop()));
      await emulator.close();
      await redis.stop();
    },
  };
}

/** A RUNNING run that changes only when the test says so (`set`). */
export function controlledRun(emulator: RunningEmulator) {
  const TransformId = DEMO.transforms.customers;
  const startedOn = new Date(Date.now() - 60_000);
  const put = (Status: string, TaskRunId?: string) =>
    emulator.store.putTaskRun({
      TransformId,
      TaskRunId,
      Status,
      LogGroupName: '/aws-glue/MLTransform',
      Properties: { TaskType: 'FIND_MATCHES' },
      StartedOn: startedOn,
      LastModifiedOn: new Date(),
      CompletedOn: ['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT'].includes(Status) ? new Date() : undefined,
      ExecutionTime: 60,
    });
  const taskRunId = put('RUNNING');
  return { transformId: TransformId, taskRunId, set: (status: string) => void put(status, taskRunId) };
}

/** Calls in [from, to). */
export const countBetween = (times: number[], from: number, to: number) => times.filter((t) => t >= from && t < to).length;
