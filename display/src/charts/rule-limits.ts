import type { Condition, Rule, Severity } from '../../../shared/config/rules';

/** A horizontal line on a chart where a threshold rule raises its alarm. */
export interface ChartLimit {
  value: number;
  severity: Severity;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

function edgesOf(condition: Condition): number[] {
  if ('op' in condition) return [condition.value];
  if ('outside' in condition) return [...condition.outside];
  return [...condition.inside];
}

/**
 * The raise limits of the threshold rules on `metric`, lowest first. Where two
 * rules share a value the more severe one is drawn, so a critical line is never
 * hidden under a warning one.
 */
export function thresholdLimits(rules: readonly Rule[], metric: string): ChartLimit[] {
  const byValue = new Map<number, Severity>();
  for (const rule of rules) {
    if (rule.kind !== 'threshold' || rule.metric !== metric) continue;
    for (const value of edgesOf(rule.raise)) {
      const known = byValue.get(value);
      if (!known || SEVERITY_RANK[rule.severity] > SEVERITY_RANK[known]) byValue.set(value, rule.severity);
    }
  }
  return [...byValue].map(([value, severity]) => ({ value, severity })).sort((a, b) => a.value - b.value);
}
