/**
 * An open-loop load: requests are sent at a fixed rate whatever the answers take (as independent
 * clients would), each recorded with when it started, how long it took and what it carried. The
 * closed-loop autocannon runs of (a)–(f) measure throughput; this measures behaviour over time.
 */
export interface Sample {
  /** Start, in ms since the load began. */
  t: number;
  ms: number;
  status: number;
  /** Error codes in the response, once each. */
  codes: string[];
  /** Whether every error carried extensions.retryAfterMs. */
  retryAfterOnAll: boolean;
  stale: boolean;
}

export interface OpenLoopOptions {
  url: string;
  rps: number;
  seconds: number;
  body: (i: number) => string;
  /** A client's patience, ms. */
  timeoutMs?: number;
}

async function send(url: string, body: string, t0: number, timeoutMs: number): Promise<Sample> {
  const start = performance.now();
  const t = start - t0;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
    const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: string; retryAfterMs?: number } }>; extensions?: { warnings?: unknown[] } };
    const errors = json.errors ?? [];
    return {
      t,
      ms: performance.now() - start,
      status: res.status,
      codes: [...new Set(errors.map((e) => e.extensions?.code ?? 'NONE'))],
      retryAfterOnAll: errors.every((e) => typeof e.extensions?.retryAfterMs === 'number'),
      stale: (json.extensions?.warnings?.length ?? 0) > 0,
    };
  } catch {
    return { t, ms: performance.now() - start, status: 0, codes: ['NO_RESPONSE'], retryAfterOnAll: false, stale: false };
  }
}

export async function openLoop(options: OpenLoopOptions, t0 = performance.now()): Promise<Sample[]> {
  const pending: Promise<Sample>[] = [];
  const total = Math.round(options.rps * options.seconds);
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rps;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(options.url, options.body(i), t0, options.timeoutMs ?? 30_000));
  }
  return Promise.all(pending);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
