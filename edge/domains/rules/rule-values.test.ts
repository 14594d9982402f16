import { afterEach, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { EventBus } from '../../runtime/event-bus';
import { RuleEngine } from './rule-engine';
import type { RuleTransition } from './rule-transition';
import { HOUR, MINUTE, play, storeWithRules } from './testing/rule-test-kit';

const text = (en: string) => ({ en, 'zh-CN': en });
const SEC = 1000;

const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: text('Too warm'),
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 60 },
  clear: { op: '<', value: 4, forS: 60 },
};

const engines: RuleEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.stop();
});

function setup(config: StoreConfig) {
  const clock = new FakeClock();
  const bus = new EventBus();
  const seen: RuleTransition[] = [];
  const engine = new RuleEngine({ bus, clock, logger: silentLogger(), sink: (t) => seen.push(t) }, config);
  engine.start();
  engines.push(engine);
  const reading = (equipmentId: string, readings: Record<string, number | boolean>) =>
    bus.emit('readingsCommitted', [{ equipmentId, ts: clock.now(), readings }]);
  return { clock, bus, engine, seen, reading };
}

describe('when the condition began', () => {
  it('a threshold held 60 s raises 60 s after its first reading out of bounds and says so', () => {
    const { clock, seen, reading } = setup(storeWithRules({ cooler: [tooWarm] }));
    clock.advance(10 * SEC);
    reading('wic-1', { temp_c: 3 });
    clock.advance(10 * SEC);
    const firstWarm = clock.now();
    for (let i = 0; i < 9; i++) {
      reading('wic-1', { temp_c: 7 });
      clock.advance(10 * SEC);
    }
    const raise = seen.find((t) => t.type === 'raise');
    expect(raise?.at).toBe(firstWarm + 60 * SEC);
    expect(raise?.conditionSince).toBe(firstWarm);
  });

  it('a stuck probe dates from when its value stopped changing; silence from the last message', () => {
    const stuck: RuleInput = {
      id: 'probe_stuck',
      kind: 'stuck',
      title: text('Probe stuck'),
      severity: 'warning',
      metric: 'temp_c',
      forS: 3600,
    };
    const offline: RuleInput = {
      id: 'offline',
      kind: 'offline',
      title: text('Offline'),
      severity: 'warning',
    };
    const { clock, bus, seen } = setup(storeWithRules({ cooler: [stuck, offline] }));
    play(clock, bus, 'wic-1', 10 * MINUTE, 10 * SEC, (t) => ({ temp_c: 3 + t / HOUR }));
    const frozenAt = clock.now() + 10 * SEC;
    play(clock, bus, 'wic-1', 2 * HOUR, 10 * SEC, () => ({ temp_c: 2.5 }));
    const lastHeard = clock.now();
    clock.advance(10 * MINUTE);
    const raises = seen.filter((t) => t.type === 'raise');
    expect(raises.map((t) => [t.ruleKey, t.conditionSince])).toEqual([
      ['probe_stuck', frozenAt],
      ['offline', lastHeard],
    ]);
    // Raised an hour after it froze, and 3 report intervals after the last message.
    expect(raises.map((t) => t.at - (t.conditionSince ?? 0))).toEqual([HOUR, 30 * SEC]);
  });
});

describe('values of active alarms', () => {
  it('are reported once they move a quarter of the re-alert step, and stop when the alarm clears', () => {
    const { clock, bus, seen } = setup(storeWithRules({ cooler: [tooWarm] }));
    const values = [8, 8.3, 8.6, 8.8, 9.4, 9.6, 8.5, 2, 2, 2, 2, 2, 2, 2, 9];
    let i = 0;
    play(clock, bus, 'wic-1', 2 * MINUTE, 10 * SEC, () => ({ temp_c: 8 }));
    play(clock, bus, 'wic-1', values.length * 10 * SEC, 10 * SEC, () => ({ temp_c: values[i++]! }));
    // °C: a 3 °C step, so a report per 0.75 °C moved; none while clearing or cleared.
    expect(seen.map((t) => [t.type, t.value])).toEqual([
      ['raise', 8],
      ['update', 8.8],
      ['update', 9.6],
      ['update', 8.5],
      ['update', 2],
      ['clear', 2],
    ]);
  });

  it('a rule with its own realertStep reports in quarters of it', () => {
    const { clock, bus, seen } = setup(storeWithRules({ cooler: [{ ...tooWarm, realertStep: 1 }] }));
    const values = [8, 8.2, 8.3, 8.5, 8.6, 8.7];
    let i = 0;
    play(clock, bus, 'wic-1', 2 * MINUTE, 10 * SEC, () => ({ temp_c: 8 }));
    play(clock, bus, 'wic-1', values.length * 10 * SEC, 10 * SEC, () => ({ temp_c: values[i++]! }));
    expect(seen.filter((t) => t.type === 'update').map((t) => t.value)).toEqual([8.3, 8.6]);
  });
});

describe('fault codes no rule handles', () => {
  const ovenCodes = {
    E10: {
      title: text('Cavity sensor fault'),
      severity: 'critical' as const,
      hint: text('Call the technician'),
    },
  };

  it('raise a warning keyed unknown_fault_code:<code> with the code and the message, and are counted', () => {
    const { clock, bus, engine, seen } = setup(storeWithRules({}, ovenCodes));
    bus.emit('deviceEvent', {
      equipmentId: 'wic-1',
      ts: clock.now(),
      code: 'E07',
      message: 'compressor overload',
    });
    expect(seen).toHaveLength(1);
    const [raise] = seen;
    expect(raise).toMatchObject({
      type: 'raise',
      equipmentId: 'wic-1',
      ruleKey: 'unknown_fault_code:E07',
      severity: 'warning',
      value: 'E07',
    });
    expect(raise?.title.en).toContain('E07');
    expect(raise?.title['zh-CN']).toContain('E07');
    expect(raise?.hint?.en).toContain('compressor overload');
    expect(raise?.hint?.['zh-CN']).toContain('compressor overload');
    expect(engine.stats.unknownFaultCodes).toBe(1);
  });

  it("use the type's fault-code table when it describes the code", () => {
    const { clock, bus, seen } = setup(storeWithRules({}, ovenCodes));
    bus.emit('deviceEvent', { equipmentId: 'oven-1', ts: clock.now(), code: 'E10' });
    expect(seen.map((t) => [t.ruleKey, t.severity, t.title.en])).toEqual([
      ['unknown_fault_code:E10', 'critical', 'Cavity sensor fault'],
    ]);
  });

  it('clear when not repeated for the store’s quiet time (1 h by default); repeats keep them', () => {
    const { clock, bus, seen } = setup(storeWithRules({}));
    const fault = () => bus.emit('deviceEvent', { equipmentId: 'wif-1', ts: clock.now(), code: 'HP' });
    fault();
    clock.advance(50 * MINUTE);
    fault();
    clock.advance(59 * MINUTE);
    expect(seen.map((t) => t.type)).toEqual(['raise']);
    clock.advance(2 * MINUTE);
    expect(seen.map((t) => [t.type, t.ruleKey, t.cause])).toEqual([
      ['raise', 'unknown_fault_code:HP', undefined],
      ['clear', 'unknown_fault_code:HP', 'quiet'],
    ]);
  });

  it('are left to the fault_code rule where the type has one', () => {
    const makerFault: RuleInput = {
      id: 'maker_fault',
      kind: 'fault_code',
      title: text('Oven reports a fault'),
      severity: 'warning',
    };
    const { clock, bus, engine, seen } = setup(storeWithRules({ oven: [makerFault] }));
    bus.emit('deviceEvent', { equipmentId: 'oven-1', ts: clock.now(), code: 'X99' });
    expect(seen.map((t) => t.ruleKey)).toEqual(['maker_fault:X99']);
    expect(engine.stats.unknownFaultCodes).toBe(0);
  });
});

describe('a probe missing from telemetry', () => {
  const missing: RuleInput = {
    id: 'probe_missing',
    kind: 'absent',
    title: text('Probe not reporting'),
    severity: 'warning',
    metric: 'temp_c',
    forS: 60,
  };

  it('raises when telemetry keeps coming without it, dated from its last reading, and clears on its return', () => {
    const { clock, bus, seen } = setup(storeWithRules({ cooler: [missing] }));
    play(clock, bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 3, door_open: false }));
    const lastReading = clock.now();
    play(clock, bus, 'wic-1', 2 * MINUTE, 10 * SEC, () => ({ door_open: false }));
    play(clock, bus, 'wic-1', 20 * SEC, 10 * SEC, () => ({ temp_c: 3, door_open: false }));
    expect(seen.map((t) => [t.type, t.at - lastReading])).toEqual([
      ['raise', 60 * SEC],
      ['clear', 2 * MINUTE + 10 * SEC],
    ]);
    expect(seen[0]?.conditionSince).toBe(lastReading);
  });

  it('leaves a device that went silent altogether to the offline rule', () => {
    const { clock, bus, seen } = setup(storeWithRules({ cooler: [missing] }));
    play(clock, bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
    clock.advance(HOUR);
    expect(seen).toEqual([]);
  });
});

describe('suppressed while a flag is off', () => {
  it('a rule with `value: false` stays quiet while the flag is false and for its recovery after', () => {
    const needsCompressor: RuleInput = {
      ...tooWarm,
      raise: { op: '>', value: 5, forS: 0 },
      suppress: { while: [{ metric: 'compressor_on', value: false, recoveryS: 60 }] },
    };
    const { clock, bus, seen } = setup(storeWithRules({ cooler: [needsCompressor] }));
    play(clock, bus, 'wic-1', 10 * MINUTE, 10 * SEC, () => ({ compressor_on: false, temp_c: 8 }));
    expect(seen).toEqual([]);
    const on = clock.now() + 10 * SEC;
    play(clock, bus, 'wic-1', 5 * MINUTE, 10 * SEC, () => ({ compressor_on: true, temp_c: 8 }));
    expect(seen.map((t) => [t.type, t.at - on])).toEqual([['raise', 60 * SEC]]);
  });
});

describe('an erratic probe', () => {
  const erratic: RuleInput = {
    id: 'probe_erratic',
    kind: 'erratic',
    title: text('Probe erratic'),
    severity: 'warning',
    metric: 'temp_c',
    maxJitter: 1.5,
    windowS: 600,
  };

  it('is told from a smooth warming and a sudden drop, raises on scatter and clears when calm again', () => {
    const { clock, bus, seen } = setup(storeWithRules({ cooler: [erratic] }));
    // Warming 1 °C a minute, then a 10 °C drop over 30 s: steep, but smooth.
    play(clock, bus, 'wic-1', 20 * MINUTE, 10 * SEC, (t) => ({ temp_c: t / MINUTE }));
    play(clock, bus, 'wic-1', 30 * SEC, 10 * SEC, (t) => ({ temp_c: 20 - t / (3 * SEC) }));
    play(clock, bus, 'wic-1', 10 * MINUTE, 10 * SEC, () => ({ temp_c: 10 }));
    expect(seen).toEqual([]);
    const scatterFrom = clock.now();
    let n = 0;
    play(clock, bus, 'wic-1', 10 * MINUTE, 10 * SEC, () => ({ temp_c: 10 + (n++ % 2 === 0 ? 2 : -2) }));
    play(clock, bus, 'wic-1', 20 * MINUTE, 10 * SEC, () => ({ temp_c: 10 }));
    expect(seen.map((t) => t.type)).toEqual(['raise', 'clear']);
    // Raised within the first quarter of the window of scatter.
    expect(seen[0]!.at - scatterFrom).toBeLessThan(3 * MINUTE);
  });
});
