/**
 * The report's comparisons with the reference servers (reference.ts): each workload's table with
 * every server's req/s as a multiple of bare Apollo's `{ __typename }` and of the naive gateway's,
 * and the issue #14 targets (the serving stack's overhead, the cached path, memory).
 */
import type { LoadResult } from './load.js';
import type { Measurements, Target } from './report.js';
import type { Pair } from './workloads.js';

const MiB = 1024 * 1024;
const ratio = (x: number, y: number | undefined) => (y ? x / y : NaN);
const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} ×` : 'n/a');

export const REFERENCE_NOTE =
  'Every table has the gateway, the naive baseline (bench/baseline.ts) and the two reference servers measured in the same alternating rounds: ' +
  '**bare Apollo** is Apollo Server 5 standalone with a one-field schema, **bare node:http** replies with the same JSON bytes without parsing anything; ' +
  'both are always sent `{ __typename }`, whatever the workload. The machine is shared with other work, so absolute req/s are noisy: the ratios, measured in alternating rounds, are what the targets use.';

const NAMES: Record<keyof Pair, string> = {
  gateway: 'gateway',
  baseline: 'naive gateway (baseline)',
  apollo: 'bare Apollo `{ __typename }`',
  http: 'bare node:http',
};

export function referenceTable(p: Pair): string {
  const row = (name: string, r: LoadResult) =>
    `| ${name} | ${r.rps.toFixed(0)} | ${times(ratio(r.rps, p.apollo?.rps))} | ${times(ratio(r.rps, p.baseline.rps))} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.upstreamCalls} | ${r.callsPerRequest.toFixed(3)} | ${r.cpuMsPerRequest.toFixed(3)} | ${r.failed} |`;
  return [
    '| server | req/s | × bare Apollo | × naive | p50 ms | p99 ms | requests | upstream calls | calls/request | server CPU ms/request | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...(Object.keys(NAMES) as Array<keyof Pair>).flatMap((k) => (p[k] ? [row(NAMES[k], p[k])] : [])),
  ].join('\n');
}

export function referenceTargets(m: Measurements): Target[] {
  const targets: Target[] = [];
  if (m.t?.apollo) {
    const r = ratio(m.t.gateway.rps, m.t.apollo.rps);
    targets.push({ id: 't', target: 'gateway `{ __typename }` rps ≥ 0.85 × bare Apollo', measured: times(r), pass: r >= 0.85 });
  }
  if (m.b?.apollo) {
    const r = ratio(m.b.gateway.rps, m.b.apollo.rps);
    const cpu = m.b.gateway.cpuMsPerRequest;
    targets.push({
      id: 'b-apollo',
      target: '(b) rps ≥ 0.8 × bare Apollo `{ __typename }`, ≤ 0.15 ms server CPU per request',
      measured: `${times(r)}, ${cpu.toFixed(3)} ms`,
      pass: r >= 0.8 && cpu <= 0.15,
    });
  }
  const idle = m.idle.rss / MiB;
  targets.push({ id: 'rss-idle', target: 'gateway RSS at idle (after GC) ≤ 120 MiB', measured: `${idle.toFixed(1)} MiB`, pass: idle <= 120 });
  if (m.e) {
    const end = m.e.end.rss / MiB;
    targets.push({ id: 'rss-soak', target: 'gateway RSS after the (e) soak (after GC) ≤ 200 MiB', measured: `${end.toFixed(1)} MiB`, pass: end <= 200 });
  }
  return targets;
}
