/**
 * Verdicts of the resilience scenarios (f)–(h), and their report: bench/results/resilience.{md,json}
 * and one SVG timeline per scenario (responses, errors and Glue calls per second).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { percentile } from './open-loop.js';
import type { Target } from './report.js';
import type { FResult, GResult, HResult, ResilienceSettings } from './resilience.js';
import { timelineSvg } from './timeline.js';

export interface ResilienceMeasurements {
  f?: FResult;
  g?: GResult;
  h?: HResult;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function evaluateF(f: FResult): Target[] {
  const ratio = f.clean.rps ? f.faulty.rps / f.clean.rps : 0;
  const errorShare = f.faulty.requests ? f.faulty.failed / f.faulty.requests : 1;
  const fiveXx = Object.entries(f.statuses).reduce((n, [status, count]) => n + (Number(status) >= 500 ? count : 0), 0);
  return [
    { id: 'f', target: 'throughput with 5% faults ≥ 0.75 × without', measured: `${f.faulty.rps.toFixed(0)} vs ${f.clean.rps.toFixed(0)} req/s = ${ratio.toFixed(2)} ×`, pass: ratio >= 0.75 },
    { id: 'f', target: 'responses with errors ≤ 1% (with faults)', measured: `${f.faulty.failed} of ${f.faulty.requests} = ${pct(errorShare)}`, pass: errorShare <= 0.01 },
    { id: 'f', target: 'p99 ≤ 2 s (with faults)', measured: `p99 ${f.faulty.p99} ms (without faults ${f.clean.p99} ms)`, pass: f.faulty.p99 <= 2_000 },
    { id: 'f', target: 'no 5xx', measured: `${fiveXx} of ${f.responses}`, pass: fiveXx === 0 },
  ];
}

export function evaluateG(g: GResult): Target[] {
  const settled = g.samples.filter((x) => x.t / 1000 >= g.downFrom + 2 && x.t / 1000 < g.downTo);
  const p99 = percentile(settled.map((x) => x.ms), 99);
  // Whole seconds inside the settled window.
  const glueRates = g.timeline.glueCalls.slice(Math.ceil(g.downFrom + 2), Math.floor(g.downTo));
  const maxCalls = Math.max(0, ...glueRates);
  const staleShare = settled.length ? settled.filter((x) => x.stale && x.codes.length === 0).length / settled.length : 0;
  // Full service: from this second on, every answer is fresh and error-free.
  const bad = g.samples.filter((x) => x.t / 1000 >= g.downTo && (x.stale || x.codes.length > 0));
  const lastBad = bad.length ? Math.max(...bad.map((x) => x.t / 1000)) : g.downTo;
  const recovery = lastBad - g.downTo;
  return [
    { id: 'g', target: 'Glue down, after the first 2 s: p99 ≤ 100 ms', measured: `p99 ${p99.toFixed(0)} ms over ${settled.length} requests`, pass: settled.length > 0 && p99 <= 100 },
    { id: 'g', target: 'Glue down, after the first 2 s: ≤ 5 Glue calls/s', measured: `at most ${maxCalls} calls in any second`, pass: maxCalls <= 5 },
    { id: 'g', target: 'Glue down: runs seen before are answered stale (≥ 99%, no errors)', measured: `${pct(staleShare)} stale`, pass: staleShare >= 0.99 },
    { id: 'g', target: 'full service within 10 s of Glue’s return', measured: `last stale or failed answer ${recovery.toFixed(1)} s after the return`, pass: recovery <= 10 },
  ];
}

export function evaluateH(h: HResult, s: ResilienceSettings): Target[] {
  const accepted = (h.glueCalls - h.throttled) / h.seconds;
  const throttledShare = h.glueCalls ? h.throttled / h.glueCalls : 0;
  const p99 = percentile(h.samples.map((x) => x.ms), 99);
  const withErrors = h.samples.filter((x) => x.codes.length > 0);
  const wrong = withErrors.filter((x) => x.codes.length !== 1 || x.codes[0] !== 'UPSTREAM_THROTTLED' || !x.retryAfterOnAll);
  return [
    { id: 'h', target: `successful Glue calls ≥ 80% of the quota (${s.hQuotaRps}/s)`, measured: `${accepted.toFixed(1)} calls/s = ${pct(accepted / s.hQuotaRps)}`, pass: accepted >= 0.8 * s.hQuotaRps },
    { id: 'h', target: '≤ 15% of Glue calls throttled', measured: `${h.throttled} of ${h.glueCalls} = ${pct(throttledShare)}`, pass: throttledShare <= 0.15 },
    { id: 'h', target: 'p99 ≤ 2 s', measured: `p99 ${p99.toFixed(0)} ms over ${h.samples.length} requests`, pass: p99 <= 2_000 },
    {
      id: 'h',
      target: 'every error is UPSTREAM_THROTTLED with retryAfterMs',
      measured: `${withErrors.length} responses with errors, ${wrong.length} of them otherwise`,
      pass: wrong.length === 0,
    },
  ];
}

export function evaluateResilience(m: ResilienceMeasurements, s: ResilienceSettings): Target[] {
  return [...(m.f ? evaluateF(m.f) : []), ...(m.g ? evaluateG(m.g) : []), ...(m.h ? evaluateH(m.h, s) : [])];
}

const TITLES = {
  f: (s: ResilienceSettings) => `(f) mixed workload, 0% and ${s.faultRate * 100}% faults alternating`,
  g: (s: ResilienceSettings) => `(g) Glue down for ${s.gDownSeconds} s, then back`,
  h: (s: ResilienceSettings) => `(h) quota ${s.hQuotaRps}/s under ${s.hDemandFactor}× demand`,
};

export function writeResilienceReport(m: ResilienceMeasurements, s: ResilienceSettings, dir: URL): Target[] {
  const targets = evaluateResilience(m, s);
  mkdirSync(dir, { recursive: true });
  const charts: string[] = [];
  for (const id of ['f', 'g', 'h'] as const) {
    const result = m[id];
    if (!result) continue;
    writeFileSync(new URL(`resilience-${id}.svg`, dir), timelineSvg(TITLES[id](s), result.timeline));
    charts.push(`### ${TITLES[id](s)}`, '', `![${id} timeline](resilience-${id}.svg)`, '');
  }
  const date = new Date().toISOString();
  const { samples: _g, ...g } = m.g ?? { samples: [] };
  const { samples: _h, ...h } = m.h ?? { samples: [] };
  writeFileSync(new URL('resilience.json', dir), `${JSON.stringify({ date, settings: s, targets, measurements: { f: m.f, g, h } }, null, 2)}\n`);
  const md = [
    '# Resilience benchmark (f)–(h)',
    '',
    `${date}; settings: ${JSON.stringify(s)}. Produced by \`npm run bench -- --only f,g,h\` (see docs/resilience.md).`,
    '',
    '| id | target | measured | verdict |',
    '| --- | --- | --- | --- |',
    ...targets.map((t) => `| ${t.id} | ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'FAIL'} |`),
    '',
    ...charts,
  ].join('\n');
  writeFileSync(new URL('resilience.md', dir), `${md}\n`);
  return targets;
}
