/**
 * `npx tsx bench/profile-versus-naive.ts [seconds]`: where a Glue-bound request's CPU goes in the
 * gateway and in the naive baseline, side by side. Workload (a): distinct running runs, 4 connections,
 * emulator latency 25 ms, the bench's server settings. Both servers run under `--cpu-prof` and are
 * measured in alternating rounds; the table is self time per request (µs) by package or file, sorted
 * by the difference. The baseline runs through tsx, so its tsx and `esm/hooks` rows are start-up
 * noise the gateway (plain node, dist/) does not have.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnChild } from './ipc.js';
import { cycle, load } from './load.js';
import { selfTimeByOwner } from './profile-summary.js';

const seconds = Number(process.argv[2] ?? 10);
const NAMES = ['gateway', 'baseline'] as const;
const emulator = await spawnChild('./emulator-process.ts', [], { BENCH_LATENCY_MS: '25' });
const env = { NODE_ENV: 'production', GLUE_ENDPOINT: emulator.url, GLUE_MAX_CONCURRENCY: '10', GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard' };
const dirs = Object.fromEntries(NAMES.map((n) => [n, mkdtempSync(join(tmpdir(), `prof-${n}-`))]));
const profiled = (n: string) => ['--cpu-prof', `--cpu-prof-dir=${dirs[n]}`];
const servers = {
  gateway: await spawnChild('./production-gateway.js', [], env, profiled('gateway')),
  baseline: await spawnChild('./server-process.ts', ['baseline'], env, profiled('baseline')),
};
const pool = await emulator.call<Array<{ transformId: string; taskRunId: string }>>('seedRunning', { n: 20_000 });
const requests = { gateway: 0, baseline: 0 };
for (let round = 0; round < 2; round++) {
  for (const n of NAMES) requests[n] += (await load({ target: servers[n], connections: 4, seconds, body: cycle(pool) }, emulator)).requests;
}
for (const n of NAMES) await servers[n].stop();
await emulator.stop();

// The main thread's profile (tsx's loader thread writes a second one).
const perRequest = (n: (typeof NAMES)[number]) => {
  const file = readdirSync(dirs[n]!).find((f) => /\.0\.\d+\.cpuprofile$/.test(f))!;
  return new Map([...selfTimeByOwner(join(dirs[n]!, file))].map(([k, us]) => [k, us / requests[n]]));
};
const [g, b] = [perRequest('gateway'), perRequest('baseline')];
const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
const rows = [...new Set([...g.keys(), ...b.keys()])]
  .map((k) => ({ k, g: g.get(k) ?? 0, b: b.get(k) ?? 0 }))
  .sort((x, y) => Math.abs(y.g - y.b) - Math.abs(x.g - x.b))
  .slice(0, 30);
const us = (v: number) => v.toFixed(0);
process.stdout.write(
  [
    `Requests: gateway ${requests.gateway}, baseline ${requests.baseline}. CPU per request (µs, idle excluded): gateway ${us(total(g))}, baseline ${us(total(b))}.`,
    '',
    '| package or file | gateway µs/request | baseline µs/request | difference |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.k.replace(/\|/g, '\\|')} | ${us(r.g)} | ${us(r.b)} | ${us(r.g - r.b)} |`),
    '',
  ].join('\n'),
);
