import { afterEach, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { EventBus } from '../../runtime/event-bus';
import { type ActiveAlarmKey, RuleEngine } from './rule-engine';
import type { RuleTransition } from './rule-transition';
import { HOUR, MINUTE, play, storeWithRules } from './testing/rule-test-kit';

const text = (en: string) => ({ en, 'zh-CN': en });
const SEC = 1000;

const warm = (value: number, forS = 900): RuleInput => ({
  id: 'temp_high',
  kind: 'threshold',
  title: text('Too warm'),
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value, forS },
  clear: { op: '<', value: value - 1, forS: 300 },
});
const offline: RuleInput = { id: 'offline', kind: 'offline', title: text('Offline'), severity: 'warning' };
const faults: RuleInput = {
  id: 'maker_fault',
  kind: 'fault_code',
  title: text('Oven reports a fault'),
  severity: 'warning',
  clearAfterS: 600,
  clearCodes: ['E00'],
};

const engines: RuleEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.stop();
});

function setup(config: StoreConfig, activeAlarms?: ActiveAlarmKey[], sink?: (t: RuleTransition) => void) {
  const clock = new FakeClock();
  const bus = new EventBus();
  const seen: RuleTransition[] = [];
  const engine = new RuleEngine(
    {
      bus,
      clock,
      logger: silentLogger(),
      sink: sink ?? ((t) => seen.push(t)),
      activeAlarms: () => activeAlarms ?? [],
    },
    config,
  );
  engine.start();
  engines.push(engine);
  return { clock, bus, engine, seen };
}

describe('fault codes', () => {
  const config = storeWithRules(
    { oven: [faults] },
    {
      E34: {
        title: text('Steam generator: water shortage'),
        severity: 'critical',
        hint: text('Open the water tap'),
      },
    },
  );

  it('raise once per code with the table’s title and severity; repeats do not duplicate; quiet clears', () => {
    const { clock, bus, seen } = setup(config);
    for (let i = 0; i < 5; i++) {
      bus.emit('deviceEvent', { equipmentId: 'oven-1', ts: clock.now(), code: 'E34' });
      clock.advance(MINUTE);
    }
    bus.emit('deviceEvent', { equipmentId: 'oven-1', ts: clock.now(), code: 'X99' });
    clock.advance(HOUR);
    expect(seen.map((t) => [t.type, t.ruleKey, t.severity, t.title.en, t.hint?.en])).toEqual([
      ['raise', 'maker_fault:E34', 'critical', 'Steam generator: water shortage', 'Open the water tap'],
      ['raise', 'maker_fault:X99', 'warning', 'Oven reports a fault', undefined],
      ['clear', 'maker_fault:E34', 'critical', 'Steam generator: water shortage', 'Open the water tap'],
      ['clear', 'maker_fault:X99', 'warning', 'Oven reports a fault', undefined],
    ]);
    // E34 last seen at 4 min, cleared 10 min later.
    expect(seen[2]!.at - seen[0]!.at).toBe(14 * MINUTE);
  });

  it("the maker's all-clear code clears every active code at once", () => {
    const { clock, bus, seen } = setup(config);
    bus.emit('deviceEvent', { equipmentId: 'oven-1', ts: clock.now(), code: 'E34' });
    clock.advance(MINUTE);
    bus.emit('deviceEvent', { equipmentId: 'oven-1', ts: clock.now(), code: 'E00' });
    expect(seen.map((t) => `${t.type} ${t.ruleKey} ${t.cause ?? ''}`)).toEqual([
      'raise maker_fault:E34 ',
      'clear maker_fault:E34 clear_code',
    ]);
  });
});

describe('reload, technician mode, restart, failures', () => {
  it('reload applies changed thresholds without restart and keeps unchanged rules’ state', () => {
    const { clock, bus, engine, seen } = setup(storeWithRules({ cooler: [warm(5), offline] }));
    play(clock, bus, 'wic-1', 20 * MINUTE, 10 * SEC, () => ({ temp_c: 7 }));
    expect(seen.map((t) => `${t.type} ${t.ruleKey}`)).toEqual(['raise temp_high']);
    engine.reload(storeWithRules({ cooler: [warm(10), offline] }));
    expect(seen.map((t) => `${t.type} ${t.ruleKey} ${t.cause ?? ''}`)).toEqual([
      'raise temp_high ',
      'clear temp_high rule_changed',
    ]);
    play(clock, bus, 'wic-1', HOUR, 10 * SEC, () => ({ temp_c: 7 }));
    expect(seen).toHaveLength(2);
    play(clock, bus, 'wic-1', 20 * MINUTE, 10 * SEC, () => ({ temp_c: 11 }));
    expect(seen.map((t) => t.type)).toEqual(['raise', 'clear', 'raise']);
    // The offline rule kept its silence timer across the reload: silence still raises it.
    clock.advance(MINUTE);
    expect(seen.at(-1)?.ruleKey).toBe('offline');
  });

  it('technician on site quiets one piece of equipment until the time given', () => {
    const { clock, bus, engine, seen } = setup(storeWithRules({ cooler: [warm(5)] }));
    expect(engine.setTechnicianOnSite('wic-1', clock.now() + HOUR)).toBe(true);
    play(clock, bus, 'wic-1', HOUR, 10 * SEC, () => ({ temp_c: 9 }));
    expect(seen).toEqual([]);
    play(clock, bus, 'wic-1', 20 * MINUTE, 10 * SEC, () => ({ temp_c: 9 }));
    expect(seen.map((t) => t.type)).toEqual(['raise']);
    expect(seen[0]!.at - clock.now()).toBeGreaterThan(-6 * MINUTE);
  });

  it('after a restart, alarms active in the database clear by their rules', () => {
    const { clock, bus, seen } = setup(storeWithRules({ cooler: [warm(5)] }), [
      { equipmentId: 'wic-1', ruleKey: 'temp_high', raisedAt: 0 },
    ]);
    play(clock, bus, 'wic-1', 10 * MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
    // The first reading tells the restored alarm where its value stands now.
    expect(seen.map((t) => [t.type, t.value])).toEqual([
      ['update', 3],
      ['clear', 3],
    ]);
  });

  it('a refused transition is counted, logged and retried until the sink takes it', () => {
    const delivered: RuleTransition[] = [];
    let refusals = 2;
    const { clock, bus, engine } = setup(storeWithRules({ cooler: [warm(5, 0)] }), [], (t) => {
      if (refusals-- > 0) throw new Error('database is locked');
      delivered.push(t);
    });
    play(clock, bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 9 }));
    expect(engine.stats.sinkErrors).toBe(2);
    expect(delivered.map((t) => [t.type, t.at])).toEqual([['raise', clock.now() - 50 * SEC]]);
  });

  it('a raise and its clear both refused cancel out; nothing stale is delivered later', () => {
    const delivered: RuleTransition[] = [];
    let refuse = true;
    const { clock, bus } = setup(storeWithRules({ cooler: [warm(5, 0)] }), [], (t) => {
      if (refuse) throw new Error('database is locked');
      delivered.push(t);
    });
    play(clock, bus, 'wic-1', 10 * SEC, 10 * SEC, () => ({ temp_c: 9 }));
    play(clock, bus, 'wic-1', 10 * MINUTE, 10 * SEC, () => ({ temp_c: 2 }));
    refuse = false;
    play(clock, bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 2 }));
    expect(delivered).toEqual([]);
    play(clock, bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 9 }));
    expect(delivered.map((t) => t.type)).toEqual(['raise']);
  });

  it('stop cancels every timer', () => {
    const { clock, bus, engine } = setup(storeWithRules({ cooler: [warm(5), offline] }));
    play(clock, bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 9 }));
    expect(clock.pendingTimers).toBeGreaterThan(0);
    engine.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
