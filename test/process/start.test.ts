import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { readLogLines, startGatewayProcess } from '../helpers/process.js';

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

describe('npm start', () => {
  it('with no upstream configured, starts the embedded emulator, says so first, and serves the demo data', async () => {
    child = startGatewayProcess({ NODE_ENV: 'development' });
    const lines = await readLogLines(child, (l) => l.includes('GraphQL gateway ready'));
    const logs = lines.map((l) => JSON.parse(l) as { msg: string; url?: string; emulator?: string });
    expect(logs[0]!.msg).toMatch(/embedded Glue emulator at http:\/\/127\.0\.0\.1:\d+/);
    const url = logs.at(-1)!.url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);

    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.runningFindMatches}") { status } }`,
      }),
    });
    expect(await res.json()).toEqual({ data: { mlTaskRun: { status: 'RUNNING' } } });

    // SIGTERM stops it cleanly.
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses to start in production with no upstream, naming the variable to set', async () => {
    child = startGatewayProcess({ NODE_ENV: 'production' });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('AWS_REGION');
    expect(stderr).toContain('GLUE_ENDPOINT');
  });

  it('refuses an invalid variable with a message naming it', async () => {
    child = startGatewayProcess({ GLUE_MAX_CONCURRENCY: 'lots', GLUE_RETRY_MODE: 'sometimes' });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/GLUE_MAX_CONCURRENCY: must be a whole number/);
    expect(stderr).toMatch(/GLUE_RETRY_MODE/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
