/**
 * Reads a V8 .cpuprofile and lists the functions with the most self time (time on the stack top),
 * grouped by function, file and line, with the share of all samples; and the same grouped by package,
 * which shows at a glance where a request's time goes. `npx tsx bench/profile-summary.ts file [n]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package (node_modules/<name>), `node:` internals, or the project's own file. */
export function owner(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:') || url === '') return url || '(native/idle/gc)';
  return url.replace(/^.*\/(dist|src|bench)\//, '$1/');
}

/** Self time (µs) per package or file, idle excluded. */
export function selfTimeByOwner(file: string): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') return;
    const key = url ? owner(url) : functionName;
    byOwner.set(key, (byOwner.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return byOwner;
}

export function summarize(file: string, top = 30): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const key = `${functionName || '(anonymous)'} ${owner(url)}${url ? `:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + dt);
  });
  const busy = total - (self.get('(idle) (native/idle/gc)') ?? 0);
  const table = (rows: Map<string, number>, n: number) =>
    [...rows]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([k, us]) => `| ${k.replace(/\|/g, '\\|')} | ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)}% |`);
  return [
    `Profile: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle.`,
    '',
    '| self time by package or file | ms | share |',
    '| --- | ---: | ---: |',
    ...table(byOwner, 20),
    '',
    '| function (self time) | ms | share |',
    '| --- | ---: | ---: |',
    ...table(self, top),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(summarize(process.argv[2]!, Number(process.argv[3] ?? 30)));
}
