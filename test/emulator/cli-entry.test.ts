// The standalone entry point (`npm run emulator`): startup banner, a real call, clean shutdown, flag errors.
import { GetMLTaskRunCommand } from '@aws-sdk/client-glue';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/emulator/cli-args.js';
import { DEMO } from '../../src/emulator/index.js';
import { glueClient } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const CLI = 'src/emulator/cli.ts';
const exec = promisify(execFile);

async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(TSX, [CLI, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('emulator CLI', () => {
  it('prints its endpoint and an example command, serves calls and exits cleanly on SIGTERM', async () => {
    const child = spawn(TSX, [CLI, '--port', '0', '--latency', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no endpoint printed: ${output}`)), 15_000);
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match && output.includes('--task-run-id')) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', () => reject(new Error(`exited early: ${output}`)));
    });
    expect(output).toContain(`aws glue get-ml-task-run`);
    expect(output).toContain(`--endpoint-url ${endpoint}`);

    const run = await glueClient(endpoint).send(
      new GetMLTaskRunCommand({ TransformId: DEMO.transforms.customers, TaskRunId: DEMO.runs.succeededFindMatches }),
    );
    expect(run.Status).toBe('SUCCEEDED');

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(output).toContain('shutting down');
  });

  it('documents its flags with --help and exits 0', async () => {
    const { code, stdout } = await runCli('--help');
    expect(code).toBe(0);
    for (const flag of ['--host', '--port', '--latency', '--jitter', '--throttle-rate', '--internal-rate', '--timeout-rate', '--drop-rate', '--clock-speed', '--seed']) {
      expect(stdout).toContain(flag);
    }
  });

  it('exits 2 with a clear message, not a stack trace, for a bad flag value', async () => {
    const { code, stderr } = await runCli('--port', 'eighty');
    expect(code).toBe(2);
    expect(stderr).toContain('error: --port must be an integer from 0 to 65535 (got "eighty")');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

// Flag validation in-process: the same function the CLI calls before it exits 2.
describe('emulator CLI flags', () => {
  it('maps flags to emulator options and fault rules', () => {
    const parsed = parseCliArgs([
      '--host', '0.0.0.0', '--port', '4600', '--latency', '20', '--jitter', '5', '--clock-speed', '50',
      '--seed', '9', '--max-concurrent-runs', '4', '--throttle-rate', '0.1', '--drop-rate', '0.02', '--no-demo-data',
    ]);
    expect(parsed.help).toBe(false);
    expect(parsed.options).toEqual({
      host: '0.0.0.0',
      port: 4600,
      latencyMs: 20,
      jitterMs: 5,
      clockSpeed: 50,
      randomSeed: 9,
      maxConcurrentRunsPerTransform: 4,
      seedDemoData: false,
    });
    expect(parsed.faults).toEqual([
      { effect: 'ThrottlingException', rate: 0.1 },
      { effect: 'drop', rate: 0.02 },
    ]);
  });

  it.each([
    [['--throttle-rate', '1.5'], '--throttle-rate must be a number from 0 to 1 (got "1.5")'],
    [['--timeout-rate', 'often'], '--timeout-rate must be a number from 0 to 1'],
    [['--clock-speed', '0'], '--clock-speed must be a positive number'],
    [['--latency=-3'], '--latency must be a non-negative number of ms'],
    [['--seed', '1.5'], '--seed must be an integer'],
    [['--max-concurrent-runs', '0'], '--max-concurrent-runs must be a positive integer'],
    [['--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--port'], "Option '--port <value>' argument missing"],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(message);
  });
});
