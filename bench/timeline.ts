/**
 * Per-second timelines of a scenario (responses, responses with errors, Glue calls) and their SVG
 * chart, so a reader sees how the gateway moved through a fault, not only the totals.
 */
import type { ChildServer } from './ipc.js';

export interface Timeline {
  /** Seconds since the scenario began: responses, responses with errors, Glue calls. */
  rps: number[];
  errors: number[];
  glueCalls: number[];
  /** Glue calls the emulator's quota throttled, per second (scenarios with a quota). */
  throttled?: number[];
  /** Shaded spans (seconds) with a label, e.g. the outage. */
  marks: Array<{ from: number; to: number; label: string }>;
}

/** Samples one of the emulator's counters each second until stopped; returns its increase per second. */
export function sampleCounter(emulator: ChildServer, counter: 'totalCalls' | 'quotaThrottled'): { stop(): Promise<number[]> } {
  const perSecond: number[] = [];
  let running = true;
  const loop = (async () => {
    let last = await emulator.call<number>(counter);
    while (running) {
      await new Promise((r) => setTimeout(r, 1_000));
      const now = await emulator.call<number>(counter);
      perSecond.push(now - last);
      last = now;
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return perSecond;
    },
  };
}

/** Glue calls per second, at the emulator. */
export const sampleGlueCalls = (emulator: ChildServer) => sampleCounter(emulator, 'totalCalls');

/** Counts events (ms since start) into one-second buckets. */
export function perSecond(times: number[], seconds: number): number[] {
  const buckets = new Array<number>(Math.ceil(seconds)).fill(0);
  for (const t of times) {
    const i = Math.floor(t / 1000);
    if (i >= 0 && i < buckets.length) buckets[i]! += 1;
  }
  return buckets;
}

const W = 720;
const H = 260;
const PAD = { left: 48, right: 16, top: 28, bottom: 36 };
const SERIES: Array<[keyof Pick<Timeline, 'rps' | 'errors' | 'glueCalls' | 'throttled'>, string, string]> = [
  ['rps', '#1f77b4', 'responses/s'],
  ['errors', '#d62728', 'responses with errors/s'],
  ['glueCalls', '#2ca02c', 'Glue calls/s'],
  ['throttled', '#ff7f0e', 'throttled by Glue/s'],
];

export function timelineSvg(title: string, timeline: Timeline): string {
  const seconds = Math.max(timeline.rps.length, timeline.glueCalls.length, 1);
  const series = SERIES.filter(([key]) => timeline[key] !== undefined);
  const max = Math.max(1, ...timeline.rps, ...timeline.errors, ...timeline.glueCalls, ...(timeline.throttled ?? []));
  const x = (s: number) => PAD.left + (s / seconds) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const line = (values: number[]) => values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i + 0.5).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const marks = timeline.marks.map(
    (m) =>
      `<rect x="${x(m.from).toFixed(1)}" y="${PAD.top}" width="${(x(m.to) - x(m.from)).toFixed(1)}" height="${H - PAD.top - PAD.bottom}" fill="#eee"/>` +
      `<text x="${x(m.from) + 4}" y="${PAD.top + 12}" font-size="11" fill="#666">${m.label}</text>`,
  );
  const legend = series.map(([, color, label], i) => `<text x="${PAD.left + i * 170}" y="16" font-size="12" fill="${color}">■ ${label}</text>`);
  const ticks = [0, 0.5, 1].map((f) => `<text x="${PAD.left - 6}" y="${y(max * f) + 4}" font-size="10" text-anchor="end">${Math.round(max * f)}</text>`);
  const xTicks = Array.from({ length: Math.floor(seconds / 5) + 1 }, (_, i) => i * 5).map(
    (s) => `<text x="${x(s)}" y="${H - PAD.bottom + 14}" font-size="10" text-anchor="middle">${s}s</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<title>${title}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    ...marks,
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#999"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#999"/>`,
    ...ticks,
    ...xTicks,
    ...series.map(([key, color]) => `<path d="${line(timeline[key]!)}" fill="none" stroke="${color}" stroke-width="1.5"/>`),
    ...legend,
    `<text x="${W / 2}" y="${H - 6}" font-size="11" text-anchor="middle">${title}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
