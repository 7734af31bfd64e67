import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { readLogLines, startGatewayProcess } from '../helpers/process.js';

const QUERY = `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { taskRunId status executionTime } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGTERM', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('turns /readyz not-ready at once, finishes in-flight operations, refuses new connections, exits 0', async () => {
    const child = startGatewayProcess({
      GLUE_ENDPOINT: emulator.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      READINESS_CACHE_MS: '0',
      SHUTDOWN_DELAY_MS: '500',
      SHUTDOWN_GRACE_MS: '8000',
    });
    const lines = await readLogLines(child, (l) => l.includes('GraphQL gateway ready'));
    const url = JSON.parse(lines.at(-1)!).url as string;
    const readyz = new URL('/readyz', url);
    expect((await fetch(readyz)).status).toBe(200);

    emulator.faults.setLatency(2_500);
    const slow = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    await sleep(300); // the operation is now waiting on Glue
    child.kill('SIGTERM');
    await sleep(100);

    // During SHUTDOWN_DELAY_MS: still accepting, but not ready.
    const during = await fetch(readyz, { headers: { connection: 'close' } });
    expect(during.status).toBe(503);
    expect(await during.json()).toEqual({ status: 'not ready', reason: 'shutting down' });

    // After the delay: new connections are refused while the slow operation is still in flight.
    await sleep(700);
    await expect(fetch(readyz, { headers: { connection: 'close' } })).rejects.toThrow();

    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { mlTaskRun: { taskRunId: DEMO.runs.succeededFindMatches, status: 'SUCCEEDED', executionTime: expect.any(Number) } } });

    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    emulator.faults.setLatency(0);
  });
});
