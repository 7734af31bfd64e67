/**
 * `npx tsx bench/fan-out-floor.ts`: the floor under workload (d), without the gateway. A bare AWS SDK
 * GlueClient (the gateway's HTTP agent settings, no middleware of ours) sends 100 GetMLTaskRun calls
 * for fresh running runs, at most GLUE_MAX_CONCURRENCY (10) at a time, to the same emulator (latency
 * 25 ms): 3 warm-ups, then the median of 9. Also one call at a time, to show what a single round trip
 * costs over the emulator's latency. (d)'s target, 1.25 × ceil(100/10) × 25 ms, counts the latency
 * alone.
 */
import { Agent } from 'node:http';
import { GetMLTaskRunCommand, GlueClient } from '@aws-sdk/client-glue';
import { spawnChild } from './ipc.js';

const CONCURRENCY = 10;
const emulator = await spawnChild('./emulator-process.ts', [], { BENCH_LATENCY_MS: '25' });
const client = new GlueClient({
  region: 'us-east-1',
  endpoint: emulator.url,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 }) },
});
type Key = { transformId: string; taskRunId: string };
const get = (key: Key) => client.send(new GetMLTaskRunCommand({ TransformId: key.transformId, TaskRunId: key.taskRunId }));
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function fanOut(): Promise<number> {
  const keys = await emulator.call<Key[]>('seedRunning', { n: 100 });
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < keys.length) await get(keys[next++]!);
  }));
  return performance.now() - started;
}

const walls: number[] = [];
for (let i = 0; i < 12; i++) {
  const ms = await fanOut();
  if (i >= 3) walls.push(ms);
}
const single = await emulator.call<Key[]>('seedRunning', { n: 40 });
const started = performance.now();
for (const key of single) await get(key);
const roundTrip = (performance.now() - started) / single.length;
await emulator.stop();
client.destroy();

process.stdout.write(
  [
    `100 calls, ${CONCURRENCY} at a time: median ${median(walls).toFixed(0)} ms (${walls.map((w) => w.toFixed(0)).join(', ')}).`,
    `One call at a time: ${roundTrip.toFixed(1)} ms per call against the emulator's 25 ms latency.`,
    `(d)'s target: ${1.25 * Math.ceil(100 / CONCURRENCY) * 25} ms.`,
    '',
  ].join('\n'),
);
