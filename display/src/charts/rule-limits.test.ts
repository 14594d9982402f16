import { describe, expect, it } from 'vitest';
import { EquipmentRules } from '../../../shared/api/store';
import { thresholdLimits } from './rule-limits';

const title = { en: 't', 'zh-CN': 't' };
const rules = EquipmentRules.parse([
  {
    id: 'warm',
    kind: 'threshold',
    title,
    severity: 'warning',
    metric: 'temp_c',
    raise: { op: '>', value: 5, forS: 300 },
  },
  {
    id: 'hot',
    kind: 'threshold',
    title,
    severity: 'critical',
    metric: 'temp_c',
    raise: { op: '>=', value: 8 },
  },
  {
    id: 'same',
    kind: 'threshold',
    title,
    severity: 'critical',
    metric: 'temp_c',
    raise: { op: '>', value: 5 },
  },
  {
    id: 'band',
    kind: 'threshold',
    title,
    severity: 'warning',
    metric: 'oil_temp_c',
    raise: { outside: [170, 185] },
  },
  {
    id: 'dead',
    kind: 'threshold',
    title,
    severity: 'info',
    metric: 'oil_temp_c',
    raise: { inside: [0, 40] },
  },
  {
    id: 'rise',
    kind: 'rate',
    title,
    severity: 'warning',
    metric: 'temp_c',
    direction: 'rise',
    delta: 3,
    windowS: 600,
  },
]);

describe('thresholdLimits', () => {
  it('takes the raise value of each threshold rule on the metric, the more severe where two agree', () => {
    expect(thresholdLimits(rules, 'temp_c')).toEqual([
      { value: 5, severity: 'critical' },
      { value: 8, severity: 'critical' },
    ]);
  });

  it('draws both edges of a band, lowest first, and ignores other metrics and rule kinds', () => {
    expect(thresholdLimits(rules, 'oil_temp_c')).toEqual([
      { value: 0, severity: 'info' },
      { value: 40, severity: 'info' },
      { value: 170, severity: 'warning' },
      { value: 185, severity: 'warning' },
    ]);
    expect(thresholdLimits(rules, 'door_open')).toEqual([]);
  });
});
