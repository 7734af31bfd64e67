/**
 * `npx tsx bench/profile.ts [seconds] [out.md] [running]`: CPU profile of the production build under load.
 * Starts the emulator, runs `node --cpu-prof dist/index.js` with production settings (NODE_ENV=production,
 * the emulator as GLUE_ENDPOINT, default log level with stdout discarded), drives it with autocannon
 * (`{ __typename }`, then one finished run repeated, 50 connections; with `running`, distinct running runs
 * at 4 connections instead, as in (a)), stops it with SIGTERM so that V8
 * writes the profile, and prints the functions with the most self time (profile-summary.ts).
 * The raw profile stays in a temporary directory: it is megabytes, only the summary is kept.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEMO } from '../src/emulator/index.js';
import { spawnChild } from './ipc.js';
import { runBody } from './load.js';
import { summarize } from './profile-summary.js';
import { TYPENAME_BODY } from './reference.js';

const seconds = Number(process.argv[2] ?? 10);
const out = process.argv[3];
const dir = mkdtempSync(join(tmpdir(), 'glue-prof-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);
const emulator = await spawnChild('./emulator-process.ts', [], { BENCH_LATENCY_MS: '25' });
const gateway = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/index.js'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    GLUE_ENDPOINT: emulator.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'profile',
    AWS_SECRET_ACCESS_KEY: 'profile',
    PORT: String(port),
    HOST: '127.0.0.1',
    SHUTDOWN_DELAY_MS: '0',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}/graphql`;
for (let i = 0; ; i++) {
  if (await fetch(url.replace('/graphql', '/healthz')).then((r) => r.ok, () => false)) break;
  if (i > 100) throw new Error('the gateway did not become ready');
  await new Promise((r) => setTimeout(r, 100));
}
const finished = runBody({ transformId: DEMO.transforms.customers, taskRunId: DEMO.runs.succeededFindMatches });
if (process.argv[4] === 'running') {
  const pool = await emulator.call<Array<{ transformId: string; taskRunId: string }>>('seedRunning', { n: 20_000 });
  let next = 0;
  const requests = [{ setupRequest: (req: object) => ({ ...req, body: runBody(pool[next++ % pool.length]!) }) }];
  const r = await autocannon({ url, connections: 4, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, requests });
  process.stderr.write(`distinct running runs: ${r.requests.average} req/s, ${r.non2xx} non-2xx\n`);
} else {
  for (const body of [TYPENAME_BODY, finished]) {
    const r = await autocannon({ url, connections: 50, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body });
    process.stderr.write(`${body.slice(0, 40)}…: ${r.requests.average} req/s, ${r.non2xx} non-2xx\n`);
  }
}
const exited = new Promise((resolve) => gateway.once('exit', resolve));
gateway.kill('SIGTERM');
await exited;
await emulator.stop();
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${dir}`);
const summary = summarize(join(dir, file), 40);
process.stdout.write(summary);
if (out) writeFileSync(out, summary);
