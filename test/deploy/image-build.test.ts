// The image's build carried out without Docker: every stage of the Dockerfile in a scratch folder
// (test/helpers/dockerfile.ts), then the runtime stage started with the image's command and the
// compose stack's environment, against the emulator started with compose's command from the same
// folder. The runtime folder has production dependencies only (`npm ci --omit=dev`), so this proves
// that nothing from devDependencies is needed at run time.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { compose, composeValue, dockerfile, ROOT } from '../helpers/deploy-files.js';
import { buildStages, linkNodeModules, type StageRun } from '../helpers/dockerfile.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { freePort } from '../helpers/redis.js';

const { stages } = dockerfile();
const runtime = stages.at(-1)!;
const { services } = compose();
const RUN_QUERY = `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { taskRunId status } }`;

/** Starts the emulator as compose does (`node dist/emulator/cli.js ...`), on loopback and a free port. */
async function startEmulatorProcess(cwd: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const [command, ...args] = services.emulator!.command!;
  const flags = args.map((arg, i) => (args[i - 1] === '--host' ? '127.0.0.1' : args[i - 1] === '--port' ? '0' : arg));
  const child = spawn(command === 'node' ? process.execPath : command!, flags, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
  return { child, endpoint };
}

describe('the image, built stage by stage in a scratch folder and started as compose starts it', () => {
  let scratch: string;
  let built: StageRun;
  let dir: string;
  let emulator: { child: ChildProcess; endpoint: string };
  const gateways: GatewayProcess[] = [];
  const launch = () => ({ command: process.execPath, args: runtime.cmd!.slice(1), cwd: dir });

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'image-build-'));
    built = await buildStages(stages, {
      context: ROOT,
      scratch,
      // A clean environment (no npm_* settings inherited from `npm test`), and the local npm cache
      // first: the lockfile's packages are already there after the repo's own `npm ci`.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_|^INIT_CWD$/i.test(name))),
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
      },
      // The build stage's full `npm ci` installs exactly what the repo's own `npm ci` (same lockfile)
      // installed; linking that saves a minute. The production-only install runs for real.
      substituteRun: async (stage, command, at) => {
        if (stage.name !== 'build' || !/^npm ci\b/.test(command)) return false;
        await linkNodeModules(join(ROOT, 'node_modules'), at);
        return true;
      },
    });
    dir = built.dirs[runtime.name]!;
    emulator = await startEmulatorProcess(dir);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    emulator?.child.kill('SIGTERM');
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** The image's ENV, then compose's gateway environment, then what a test on loopback must change. */
  async function startFromImage(overrides: Record<string, string>): Promise<GatewayProcess> {
    const composeEnv = Object.fromEntries(Object.entries(services.gateway!.environment!).map(([k, v]) => [k, composeValue(String(v))]));
    const gateway = await startGatewayProcess({ ...runtime.env, ...composeEnv, HOST: '127.0.0.1', PORT: '0', ...overrides }, launch());
    gateways.push(gateway);
    return gateway;
  }

  it('the runtime folder holds the compiled code, the SDL and production dependencies only', async () => {
    for (const path of ['dist/index.js', 'dist/emulator/cli.js', 'schema', 'examples/task-runs.graphql', 'node_modules/@apollo/server']) {
      expect(existsSync(join(dir, path)), path).toBe(true);
    }
    for (const dev of ['typescript', 'tsx', 'vitest', '@graphql-codegen/cli', '.bin/tsc']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(dir, 'src'))).toBe(false);
    const lock = JSON.parse(await readFile(join(dir, 'node_modules/.package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    expect(Object.values(lock.packages).filter((p) => p.dev)).toEqual([]);
    console.info(`image build steps: ${built.ran.map((r) => `${r.stage}: ${r.command} ${(r.ms / 1000).toFixed(1)} s`).join('; ')}`);
  });

  it('in production, with compose\'s environment, serves GraphQL, health, readiness and metrics on METRICS_PORT', async () => {
    const metricsPort = await freePort();
    // REDIS_URL left empty, as compose leaves an unset variable: the in-memory cache.
    const gateway = await startFromImage({ GLUE_ENDPOINT: emulator.endpoint, REDIS_URL: '', METRICS_PORT: String(metricsPort) });
    expect(await gateway.query(RUN_QUERY)).toEqual({ data: { mlTaskRun: { taskRunId: DEMO.runs.succeededFindMatches, status: 'SUCCEEDED' } } });
    const base = new URL(gateway.url);
    expect((await fetch(new URL('/healthz', base))).status).toBe(200);
    expect(await (await fetch(new URL('/readyz', base))).json()).toEqual({ status: 'ready' });
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^glue_upstream_calls_total\{operation="GetMLTaskRun",outcome="ok"\} 1$/m);
    expect((await fetch(new URL('/metrics', base))).status).toBe(404);
  });

  it('never loads the emulator in production: it serves with dist/emulator gone', async () => {
    await rename(join(dir, 'dist/emulator'), join(dir, 'dist/emulator.hidden'));
    try {
      const gateway = await startFromImage({ GLUE_ENDPOINT: emulator.endpoint, REDIS_URL: '', METRICS_PORT: '' });
      expect((await gateway.query(RUN_QUERY)).data.mlTaskRun.status).toBe('SUCCEEDED');
    } finally {
      await rename(join(dir, 'dist/emulator.hidden'), join(dir, 'dist/emulator'));
    }
  });

  it('GLUE_ENDPOINT= AWS_REGION= (unset, as compose writes it) in development starts the embedded emulator', async () => {
    const gateway = await startFromImage({ NODE_ENV: 'development', GLUE_ENDPOINT: '', AWS_REGION: '', AWS_PROFILE: '', REDIS_URL: '', METRICS_PORT: '' });
    expect(gateway.logs[0]!.msg).toMatch(/embedded Glue emulator/);
    expect((await gateway.query(RUN_QUERY)).data.mlTaskRun.status).toBe('SUCCEEDED');
  });
});
