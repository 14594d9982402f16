import { describe, expect, it } from 'vitest';
import { Rule, type RuleInput } from '../../../shared/config/rules';
import { isWorse, pastLimit, realertStep, reportResolution, worsenedByStep } from './worsening';

const text = { en: 'x', 'zh-CN': 'x' };
const rule = (input: Partial<RuleInput> & Pick<RuleInput, 'kind'>) =>
  Rule.parse({ id: 'r', title: text, severity: 'warning', ...input });

const hotHoldingLow = rule({ kind: 'threshold', metric: 'temp_c', raise: { op: '<', value: 63 } });
const oilBand = rule({ kind: 'threshold', metric: 'oil_temp_c', raise: { outside: [170, 185] } });
const filterClogged = rule({ kind: 'threshold', metric: 'filter_dp_pa', raise: { op: '>', value: 250 } });
const airflowLow = rule({ kind: 'threshold', metric: 'airflow_m3h', raise: { op: '<', value: 3000 } });
const compressorDuty = rule({ kind: 'duty_cycle', metric: 'compressor_on', maxPct: 90 });
const freezerWarming = rule({
  kind: 'rate',
  metric: 'temp_c',
  direction: 'rise',
  delta: 2,
  windowS: 600,
});

describe('which way is worse', () => {
  it('follows the raise condition: below a minimum, outside a band on either side', () => {
    expect(pastLimit(hotHoldingLow, 58)).toBe(5);
    expect(isWorse(hotHoldingLow, 55, 58)).toBe(true);
    expect(isWorse(hotHoldingLow, 60, 58)).toBe(false);
    expect(pastLimit(oilBand, 160)).toBe(10);
    expect(pastLimit(oilBand, 195)).toBe(10);
    expect(isWorse(oilBand, 200, 195)).toBe(true);
    expect(isWorse(oilBand, 165, 160)).toBe(false);
  });

  it('has no direction for stuck probes, offline and fault codes, nor for non-numbers', () => {
    expect(pastLimit(rule({ kind: 'stuck', metric: 'temp_c', forS: 60 }), 3)).toBeNull();
    expect(pastLimit(rule({ kind: 'offline' }), 3)).toBeNull();
    expect(pastLimit(hotHoldingLow, 'E10')).toBeNull();
    expect(realertStep(rule({ kind: 'fault_code' }), 'E10')).toBeNull();
  });
});

describe('the re-alert step', () => {
  it('is 3 °C for temperatures, whatever the overshoot', () => {
    expect(realertStep(hotHoldingLow, 40)).toBe(3);
    expect(realertStep(freezerWarming, -10)).toBe(3);
    expect(worsenedByStep(hotHoldingLow, 55, 58, 60)).toBe(true);
    expect(worsenedByStep(hotHoldingLow, 55.5, 58, 60)).toBe(false);
  });

  it('is the rule’s own realertStep when it has one', () => {
    const custom = rule({
      kind: 'threshold',
      metric: 'temp_c',
      raise: { op: '>', value: 5 },
      realertStep: 1,
    });
    expect(realertStep(custom, 8)).toBe(1);
    expect(reportResolution(custom)).toBe(0.25);
  });

  it('is otherwise a quarter of the overshoot at raise, at least 5 % of the limit', () => {
    // Raised at 650 Pa: 400 past the limit, so 100 Pa further re-alerts.
    expect(realertStep(filterClogged, 650)).toBe(100);
    // Raised just past the limit: 5 % of 250 Pa.
    expect(realertStep(filterClogged, 251)).toBe(12.5);
    // A hood that stopped moving air: 3000 m³/h short, re-alerting after 750 more (it cannot go lower).
    expect(realertStep(airflowLow, 0)).toBe(750);
    expect(realertStep(compressorDuty, 98)).toBe(4.5);
    expect(reportResolution(filterClogged)).toBe(3.125);
  });

  it('is the change size for a rate rule on a metric without a unit suffix rule', () => {
    const powerJump = rule({ kind: 'rate', metric: 'power_w', direction: 'rise', delta: 500, windowS: 60 });
    expect(realertStep(powerJump, 2000)).toBe(500);
    expect(isWorse(powerJump, 2600, 2000)).toBe(true);
  });
});
