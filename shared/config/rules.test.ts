import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { effectiveTicketPolicy, Rule } from './rules';
import { describeConfigIssues, StoreConfig } from './store-config';

const text = (en: string) => ({ en, 'zh-CN': en });

function configWith(rules: unknown[], equipmentExtra: Record<string, unknown> = {}) {
  return {
    store: { id: 's1', name: 'S', region: 'r', timezone: 'Asia/Shanghai' },
    equipmentTypes: {
      cooler: {
        label: text('Cooler'),
        metrics: { temp_c: {}, door_open: { kind: 'boolean' } },
        rules,
      },
    },
    equipment: [{ id: 'c1', type: 'cooler', station: 'cold', name: text('C'), ...equipmentExtra }],
  };
}

describe('rule config', () => {
  it('the demo store parses with its rules', () => {
    const raw = parseYaml(readFileSync(new URL('../../config/demo-store.yaml', import.meta.url), 'utf8'));
    const result = StoreConfig.safeParse(raw);
    expect(result.success ? [] : describeConfigIssues(result.error)).toEqual([]);
    const types = result.success ? Object.values(result.data.equipmentTypes) : [];
    expect(types.length).toBeGreaterThan(10);
    for (const type of types) expect(type.rules?.map((r) => r.kind)).toContain('offline');
    const cooler = result.success ? result.data.equipmentTypes.walk_in_cooler : undefined;
    expect(cooler?.rules?.find((r) => r.id === 'temp_high')).toMatchObject({
      raise: { op: '>', value: 5, forS: 900 },
      clear: { op: '<', value: 4, forS: 300 },
    });
  });

  it('reports every wrong metric reference with its path', () => {
    const result = StoreConfig.safeParse(
      configWith(
        [
          {
            id: 'a',
            kind: 'threshold',
            title: text('A'),
            severity: 'warning',
            metric: 'tmp_c',
            raise: { op: '>', value: 5 },
          },
          { id: 'b', kind: 'duty_cycle', title: text('B'), severity: 'info', metric: 'temp_c', maxPct: 80 },
          {
            id: 'b',
            kind: 'stuck',
            title: text('C'),
            severity: 'info',
            metric: 'temp_c',
            forS: 60,
            suppress: { while: [{ metric: 'temp_c' }] },
          },
        ],
        { disableRules: ['nope'] },
      ),
    );
    expect(result.success).toBe(false);
    const issues = result.success ? [] : describeConfigIssues(result.error);
    expect(issues.sort()).toEqual(
      [
        'equipment.0.disableRules.0: type "cooler" has no rule "nope"',
        'equipmentTypes.cooler.rules.0: rule "a" reads metric "tmp_c", which the type does not report',
        'equipmentTypes.cooler.rules.1: rule "b" needs "temp_c" to be a boolean metric',
        'equipmentTypes.cooler.rules.2.id: duplicate rule id "b"',
        'equipmentTypes.cooler.rules.2: rule "b" needs "temp_c" to be a boolean metric',
      ].sort(),
    );
  });

  it('ticket policy follows severity unless the rule says otherwise', () => {
    const base = { id: 'x', kind: 'offline', title: text('X') } as const;
    expect(effectiveTicketPolicy(Rule.parse({ ...base, severity: 'critical' }))).toEqual({
      when: 'immediate',
    });
    expect(effectiveTicketPolicy(Rule.parse({ ...base, severity: 'warning' }))).toEqual({
      when: 'after_delay',
      delayS: 900,
    });
    expect(effectiveTicketPolicy(Rule.parse({ ...base, severity: 'info' }))).toEqual({ when: 'none' });
    expect(
      effectiveTicketPolicy(Rule.parse({ ...base, severity: 'critical', ticket: { when: 'none' } })),
    ).toEqual({ when: 'none' });
  });

  it('connection flap settings default to 30 s each and refuse unknown keys and negative times', () => {
    const defaults = StoreConfig.parse(configWith([]));
    expect(defaults.alarms.connectionFlap).toEqual({ windowS: 30, settleS: 30 });
    const bad = StoreConfig.safeParse({
      ...configWith([]),
      alarms: { connectionFlap: { windowS: -1, settle: 10 } },
    });
    expect(bad.success ? [] : describeConfigIssues(bad.error)).toEqual([
      'alarms.connectionFlap.windowS: Too small: expected number to be >=0',
      'alarms.connectionFlap: Unrecognized key: "settle"',
    ]);
  });
});
