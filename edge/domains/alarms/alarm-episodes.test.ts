import { describe, expect, it } from 'vitest';
import { AlarmView } from '../../../shared/api/alarms';
import type { RuleInput } from '../../../shared/config/rules';
import { MINUTE, storeWithRules } from '../rules/testing/rule-test-kit';
import { alarmSystem } from './testing/alarm-system';

const SEC = 1000;
const text = (en: string) => ({ en, 'zh-CN': en });
const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: text('Cooler too warm'),
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 60 },
  clear: { op: '<', value: 4, forS: 60 },
};
const coolerStore = (rule: RuleInput = tooWarm) => storeWithRules({ cooler: [rule] });

describe('a re-raise after a clear is a new episode', () => {
  it('is unacknowledged again, alerts on the display and starts its repeats and escalation afresh', () => {
    const s = alarmSystem({ config: coolerStore() });
    s.cooler(2 * MINUTE, 8);
    const id = s.alarms.list({ state: 'active', limit: 1 })[0]!.id;
    s.alarms.acknowledge(id, 'staff-chen');
    s.cooler(40 * MINUTE, 8);
    expect(s.alarms.get(id)).toMatchObject({ state: 'active_acked', escalation: 'none' });
    s.cooler(2 * MINUTE, 2);
    s.cooler(2 * MINUTE, 8);

    const again = s.alarms.get(id)!;
    expect(again).toMatchObject({ state: 'active_unacked', ackedAt: null, ackedBy: null, raiseCount: 2 });
    const last = s.messages().at(-1)!;
    expect(last.change).toMatchObject({ type: 'reraised', alarmId: id });
    expect(last.alarms.map((a) => [a.id, a.state])).toEqual([[id, 'active_unacked']]);
    expect(s.outboxTypes().at(-1)).toBe('alarm.reraised');

    // 42 min after the first raise but only minutes into this alert: not escalated yet…
    s.cooler(5 * MINUTE, 8);
    expect(s.alarms.get(id)?.escalation).toBe('none');
    // …and to the manager 15 min into it.
    s.cooler(11 * MINUTE, 8);
    expect(s.alarms.get(id)?.escalation).toBe('manager');
  });

  it('an acknowledgement of the new episode holds until it worsens or clears', () => {
    const s = alarmSystem({ config: coolerStore() });
    s.cooler(2 * MINUTE, 8);
    s.cooler(2 * MINUTE, 2);
    s.cooler(2 * MINUTE, 8);
    const alarm = s.alarms.list({ state: 'active', limit: 1 })[0]!;
    expect(alarm.state).toBe('active_unacked');
    s.alarms.acknowledge(alarm.id, 'mgr-li');
    s.cooler(10 * MINUTE, 8.5);
    expect(s.alarms.get(alarm.id)?.state).toBe('active_acked');
  });
});

describe('when the condition began', () => {
  it('is stored with the alarm: a 60 s hold raised at t + 60 s reports t', () => {
    const s = alarmSystem({ config: coolerStore() });
    s.cooler(MINUTE, 3);
    const firstWarm = s.clock.now() + 10 * SEC;
    s.cooler(2 * MINUTE, 8);
    const alarm = s.alarms.list({ state: 'active', limit: 1 })[0]!;
    expect(alarm.raisedAt).toBe(firstWarm + 60 * SEC);
    expect(alarm.conditionSince).toBe(firstWarm);
    expect(s.messages()[0]?.alarms[0]?.conditionSince).toBe(firstWarm);
  });

  it('is the raise time for alarms recorded before it was kept', () => {
    const s = alarmSystem({ config: coolerStore() });
    s.cooler(2 * MINUTE, 8);
    s.db.exec('UPDATE alarms SET condition_since = NULL');
    const alarm = s.alarms.list({ state: 'active', limit: 1 })[0]!;
    expect(alarm.conditionSince).toBe(alarm.raisedAt);
    // An event from an older box, without the new fields, reads the same way.
    const { conditionSince, hazard, worsening, ...older } = alarm;
    expect(AlarmView.parse(older)).toEqual({
      ...older,
      conditionSince: alarm.raisedAt,
      hazard: 'equipment',
      worsening: false,
    });
  });
});

describe('what is at risk', () => {
  it('comes from the rule, equipment when it does not say', () => {
    const s = alarmSystem({
      config: storeWithRules({
        cooler: [{ ...tooWarm, hazard: 'food' }],
        freezer: [{ ...tooWarm, raise: { op: '>', value: -15, forS: 0 } }],
      }),
    });
    s.cooler(2 * MINUTE, 8);
    s.bus.emit('readingsCommitted', [{ equipmentId: 'wif-1', ts: s.clock.now(), readings: { temp_c: -5 } }]);
    const hazards = s.alarms.list({ state: 'active', limit: 5 }).map((a) => [a.equipmentId, a.hazard]);
    expect(hazards.sort()).toEqual([
      ['wic-1', 'food'],
      ['wif-1', 'equipment'],
    ]);
  });
});

describe('worsening', () => {
  it('an acknowledged alarm 3 °C past its value at acknowledgement is unacknowledged and alerts again', () => {
    const s = alarmSystem({ config: coolerStore() });
    s.cooler(2 * MINUTE, 8);
    const id = s.alarms.list({ state: 'active', limit: 1 })[0]!.id;
    s.cooler(MINUTE, 9);
    s.alarms.acknowledge(id, 'staff-chen');
    const published = s.published.length;

    s.cooler(5 * MINUTE, 11.5);
    expect(s.alarms.get(id)).toMatchObject({ state: 'active_acked', lastValue: 11.5, worsening: true });
    expect(s.published).toHaveLength(published);

    s.cooler(MINUTE, 12.3);
    const worse = s.alarms.get(id)!;
    expect(worse).toMatchObject({ state: 'active_unacked', ackedBy: null, lastValue: 12.3, worsening: true });
    expect(s.outboxTypes()).toEqual(['alarm.raised', 'alarm.acked', 'alarm.worsened']);
    const last = s.messages().at(-1)!;
    expect(last.change).toMatchObject({ type: 'worsened', alarmId: id });
    expect(last.alarms[0]).toMatchObject({ id, state: 'active_unacked', lastValue: 12.3 });

    // Unacknowledged, it is already alerting: going further changes no state.
    s.cooler(MINUTE, 20);
    expect(s.outboxTypes().filter((t) => t === 'alarm.worsened')).toHaveLength(1);
  });

  it('keeps the worst value seen; worsening follows the latest value against the raise', () => {
    const s = alarmSystem({ config: coolerStore() });
    s.cooler(2 * MINUTE, 8);
    const id = s.alarms.list({ state: 'active', limit: 1 })[0]!.id;
    s.cooler(MINUTE, 14);
    s.cooler(MINUTE, 6);
    expect(s.alarms.get(id)).toMatchObject({ raisedValue: 8, lastValue: 6, worsening: false });
    const worst = s.db.prepare('SELECT worst_value AS v FROM alarms WHERE id = ?').get(id) as { v: string };
    expect(JSON.parse(worst.v)).toBe(14);
  });

  it('a value better than at acknowledgement, then back, does not re-alert', () => {
    const s = alarmSystem({ config: coolerStore() });
    s.cooler(2 * MINUTE, 10);
    const id = s.alarms.list({ state: 'active', limit: 1 })[0]!.id;
    s.alarms.acknowledge(id, 'staff-chen');
    s.cooler(MINUTE, 6);
    s.cooler(MINUTE, 12);
    expect(s.alarms.get(id)?.state).toBe('active_acked');
  });
});
