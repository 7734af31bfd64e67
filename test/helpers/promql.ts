/**
 * What a PromQL expression names, read with Prometheus' own grammar (@prometheus-io/lezer-promql):
 * the metrics it selects, the labels it matches on each, and the labels it groups by.
 */
import { parser } from '@prometheus-io/lezer-promql';

export interface PromqlNames {
  /** Syntax errors (empty when the expression parses). */
  errors: string[];
  /** Metric name → label names used in its matchers. */
  metrics: Map<string, Set<string>>;
  /** Labels in by (...), without (...), on (...) and ignoring (...). */
  grouping: Set<string>;
}

export function promqlNames(expr: string): PromqlNames {
  const names: PromqlNames = { errors: [], metrics: new Map(), grouping: new Set() };
  const text = (from: number, to: number) => expr.slice(from, to);
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) names.errors.push(`syntax error at ${node.from}: ${JSON.stringify(text(Math.max(0, node.from - 20), node.to + 20))}`);
      if (node.name === 'VectorSelector') {
        const identifier = node.node.getChild('Identifier');
        if (!identifier) return;
        const labels = names.metrics.get(text(identifier.from, identifier.to)) ?? new Set<string>();
        for (const matcher of node.node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
          const label = matcher.getChild('LabelName');
          if (label) labels.add(text(label.from, label.to));
        }
        names.metrics.set(text(identifier.from, identifier.to), labels);
      }
      if (node.name === 'GroupingLabels') {
        for (const label of node.node.getChildren('LabelName')) names.grouping.add(text(label.from, label.to));
      }
    },
  });
  return names;
}

/** Grafana's variables as PromQL the parser accepts ($__rate_interval → 5m, $job → a name). */
export function withoutGrafanaVariables(expr: string): string {
  return expr.replace(/\$__(rate_)?interval|\$__range/g, '5m').replace(/\$\{?(\w+)\}?/g, 'var_$1');
}
