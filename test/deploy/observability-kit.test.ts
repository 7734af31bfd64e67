// deploy/grafana and deploy/prometheus name only metrics (and labels) the gateway really exports: the
// gateway runs against the emulator, serves a few requests, and its /metrics is the reference.
// Every expression also has to parse as PromQL, and the PrometheusRule has to equal the plain rules.
import { readdirSync } from 'node:fs';
import { PrometheusRule, PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { parseYaml, readRepoFile } from '../helpers/deploy-files.js';
import { promqlNames, withoutGrafanaVariables } from '../helpers/promql.js';
import { freePort } from '../helpers/redis.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Labels Prometheus adds to every scraped series (target labels), on top of the gateway's own. */
const TARGET_LABELS = ['job', 'instance', 'namespace', 'pod', 'container', 'service', 'endpoint'];

interface Exported {
  /** Every series name /metrics can carry: histograms add _bucket, _sum and _count. */
  names: Set<string>;
  /** Series name → label names seen on its samples. */
  labels: Map<string, Set<string>>;
}

function parseExposition(text: string): Exported {
  const names = new Set<string>();
  const labels = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\w+)$/.exec(line);
    if (type) {
      const [, name, kind] = type as unknown as [string, string, string];
      names.add(name);
      if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
      if (kind === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix);
      continue;
    }
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /.exec(line);
    if (!sample) continue;
    const set = labels.get(sample[1]!) ?? new Set<string>();
    for (const match of (sample[2] ?? '').matchAll(/(\w+)="/g)) set.add(match[1]!);
    labels.set(sample[1]!, set);
  }
  return { names, labels };
}

interface Expression {
  where: string;
  expr: string;
}

function dashboardExpressions(): Expression[] {
  const dashboard = JSON.parse(readRepoFile('deploy/grafana/glue-ml-graphql.json')) as {
    panels: Array<{ title: string; type: string; targets?: Array<{ expr: string }> }>;
    templating: { list: Array<{ name: string; query?: unknown }> };
  };
  const panels = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: withoutGrafanaVariables(t.expr) })));
  // label_values(metric, label) in template variables names a metric too.
  const variables = dashboard.templating.list.flatMap((v) => {
    const match = /label_values\((\w+),\s*(\w+)\)/.exec(JSON.stringify(v.query ?? ''));
    return match ? [{ where: `variable $${v.name}`, expr: `${match[1]}{${match[2]}!=""}` }] : [];
  });
  return [...panels, ...variables];
}

interface RuleGroups {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }> }>;
}

const plainRules = () => parseYaml<RuleGroups>(readRepoFile('deploy/prometheus/glue-ml-graphql.rules.yaml'));
const ruleExpressions = (): Expression[] =>
  plainRules().groups.flatMap((g) => g.rules.map((r) => ({ where: `rule ${r.alert ?? r.record}`, expr: r.expr })));

describe('observability kit: dashboard and alert rules against the gateway\'s /metrics', () => {
  let stack: Stack;
  let exported: Exported;
  let scraped: string;

  beforeAll(async () => {
    // Redis unreachable (nothing listens there): cache errors get samples too, so their labels show.
    stack = await startStack({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
    // A run twice, a missing one (an error), a readiness probe: every metric gets samples.
    const run = (t: string, r: string) => stack.query(`{ mlTaskRun(transformId: "${t}", taskRunId: "${r}") { status } }`);
    await run(DEMO.transforms.customers, DEMO.runs.succeededFindMatches);
    await run(DEMO.transforms.customers, DEMO.runs.succeededFindMatches);
    await run(DEMO.transforms.customers, 'tskr-missing');
    await fetch(new URL('/readyz', stack.url));
    scraped = await (await fetch(new URL('/metrics', stack.url))).text();
    exported = parseExposition(scraped);
  });
  afterAll(() => stack?.close());

  it('the gateway exports request latency and readiness (what the kit needs beyond the counters)', () => {
    expect(exported.names).toContain('graphql_operation_duration_seconds_bucket');
    expect(exported.labels.get('gateway_ready')).toBeDefined();
    expect(exported.labels.get('graphql_operation_duration_seconds_count')).toEqual(new Set(['type']));
    expect(scraped).toMatch(/^graphql_operation_duration_seconds_count\{type="query"\} 3$/m);
    expect(scraped).toMatch(/^graphql_operation_duration_seconds_bucket\{le="30",type="query"\} 3$/m);
  });

  it('gateway_ready follows /readyz: 1 when ready, 0 once draining for shutdown', async () => {
    const value = async () => /^gateway_ready (\d+)$/m.exec(await (await fetch(new URL('/metrics', stack.url))).text())?.[1];
    expect(await value()).toBe('1');
    stack.app.gateway.readiness.markDraining();
    expect(await value()).toBe('0');
  });

  describe.each([
    ['the Grafana dashboard', dashboardExpressions],
    ['the Prometheus alert rules', ruleExpressions],
  ])('%s', (_name, expressions) => {
    it('has expressions, and each parses as PromQL', () => {
      expect(expressions().length).toBeGreaterThan(5);
      for (const { where, expr } of expressions()) expect(promqlNames(expr).errors, `${where}: ${expr}`).toEqual([]);
    });

    it('names only metrics the gateway exports', () => {
      for (const { where, expr } of expressions()) {
        const { metrics } = promqlNames(expr);
        expect(metrics.size, `${where} names no metric`).toBeGreaterThan(0);
        for (const metric of metrics.keys()) expect(exported.names.has(metric), `${where}: ${metric} is not on /metrics`).toBe(true);
      }
    });

    it('matches and groups only on labels those metrics carry (or Prometheus\' target labels)', () => {
      for (const { where, expr } of expressions()) {
        const { metrics, grouping } = promqlNames(expr);
        const carried = (metric: string) => {
          const series = [metric, metric.replace(/_(bucket|sum|count)$/, '')];
          return new Set([...TARGET_LABELS, ...series.flatMap((s) => [...(exported.labels.get(s) ?? [])])]);
        };
        for (const [metric, labels] of metrics) {
          for (const label of labels) expect(carried(metric).has(label), `${where}: ${metric} has no label ${label}`).toBe(true);
        }
        const any = new Set([...metrics.keys()].flatMap((m) => [...carried(m)]));
        for (const label of grouping) expect(any.has(label), `${where}: no metric carries ${label}`).toBe(true);
      }
    });
  });
});

describe('Prometheus Operator resources', () => {
  const dir = new URL('../../deploy/prometheus/', import.meta.url);
  const docs = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((file) => ({ file, doc: parseYaml(readRepoFile(`deploy/prometheus/${file}`)) }));

  it('the PrometheusRule is valid and holds exactly the plain rules file\'s groups', () => {
    const rule = docs.find((d) => d.doc.kind === 'PrometheusRule')!.doc;
    new PrometheusRule(rule).validate();
    expect(rule.spec).toEqual(plainRules());
    for (const group of plainRules().groups) {
      for (const r of group.rules) {
        expect(r.labels?.severity, r.alert).toMatch(/^(warning|critical)$/);
        expect(r.annotations?.summary, r.alert).toBeTruthy();
        expect(r.for, r.alert).toMatch(/^\d+m$/);
      }
    }
  });

  it('the PodMonitor is valid and scrapes the metrics port of the gateway pods', () => {
    const monitor = docs.find((d) => d.doc.kind === 'PodMonitor')!.doc;
    new PodMonitor(monitor).validate();
    expect(monitor.spec.podMetricsEndpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    expect(monitor.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'glue-ml-graphql', 'app.kubernetes.io/component': 'gateway' });
  });
});
