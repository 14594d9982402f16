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

const coolerHigh: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: text('Cooler too warm'),
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 900 },
  clear: { op: '<', value: 4, forS: 300 },
  suppress: {
    while: [{ metric: 'door_open', recoveryS: 600 }],
    windows: [{ name: 'defrost', start: '02:00', end: '02:30' }],
  },
};

interface Harness {
  clock: FakeClock;
  bus: EventBus;
  engine: RuleEngine;
  seen: RuleTransition[];
  /** Minutes since the scenario started, for each transition. */
  at: (t: RuleTransition) => number;
}

let running: RuleEngine | undefined;
afterEach(() => running?.stop());

function harness(config: StoreConfig, startMs?: number): Harness {
  const clock = new FakeClock(startMs);
  const bus = new EventBus();
  const seen: RuleTransition[] = [];
  // Raises and clears only: value reports of active alarms have their own tests (rule-values.test.ts).
  const sink = (t: RuleTransition) => {
    if (t.type !== 'update') seen.push(t);
  };
  const engine = new RuleEngine({ bus, clock, logger: silentLogger(), sink }, config);
  engine.start();
  running = engine;
  const t0 = clock.now();
  return { clock, bus, engine, seen, at: (t) => (t.at - t0) / MINUTE };
}

const summary = (h: Harness) => h.seen.map((t) => `${t.type} ${t.equipmentId}/${t.ruleKey}`);

interface Scenario {
  name: string;
  config: StoreConfig;
  /** Local start time in Asia/Shanghai (UTC+8) as UTC ms, default 10:00 local. */
  startMs?: number;
  run: (h: Harness) => void;
  expected: string[];
  /** Minutes (since start) at which each expected transition happens, ± one report interval. */
  atMinutes?: number[];
}

const scenarios: Scenario[] = [
  {
    name: 'threshold held 15 min raises; clears only when < 4 held 5 min',
    config: storeWithRules({ cooler: [coolerHigh] }),
    run: (h) => {
      play(h.clock, h.bus, 'wic-1', 30 * MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
      play(h.clock, h.bus, 'wic-1', 30 * MINUTE, 10 * SEC, () => ({ temp_c: 7 }));
      play(h.clock, h.bus, 'wic-1', 10 * MINUTE, 10 * SEC, () => ({ temp_c: 4.5 }));
      play(h.clock, h.bus, 'wic-1', 20 * MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
    },
    expected: ['raise wic-1/temp_high', 'clear wic-1/temp_high'],
    atMinutes: [30 + 15, 70 + 5],
  },
  {
    name: 'a warm spell shorter than the hold time raises nothing',
    config: storeWithRules({ cooler: [coolerHigh] }),
    run: (h) => {
      play(h.clock, h.bus, 'wic-1', 14 * MINUTE, 10 * SEC, () => ({ temp_c: 7 }));
      play(h.clock, h.bus, 'wic-1', 2 * HOUR, 10 * SEC, () => ({ temp_c: 3 }));
    },
    expected: [],
  },
  {
    name: 'hysteresis: hours of noise around either threshold never flap',
    config: storeWithRules({ cooler: [coolerHigh] }),
    run: (h) => {
      // Around 5 °C: above it for at most 5 min at a time, never 15.
      play(h.clock, h.bus, 'wic-1', 3 * HOUR, 10 * SEC, (t) => ({
        temp_c: 5 + 0.8 * Math.sin((2 * Math.PI * t) / (10 * MINUTE)) + ((t / SEC) % 7) * 0.02,
      }));
      play(h.clock, h.bus, 'wic-1', 20 * MINUTE, 10 * SEC, () => ({ temp_c: 8 }));
      // Around 4 °C: below it for at most 4 min at a time, never the 5 it takes to clear.
      play(h.clock, h.bus, 'wic-1', 3 * HOUR, 10 * SEC, (t) => ({
        temp_c: 4 + 0.6 * Math.sin((2 * Math.PI * t) / (8 * MINUTE)) + ((t / SEC) % 5) * 0.03,
      }));
    },
    expected: ['raise wic-1/temp_high'],
    atMinutes: [180 + 15],
  },
  {
    name: 'rate of change: freezer warming 5 °C in 10 min raises, slow drift does not',
    config: storeWithRules({
      freezer: [
        {
          id: 'warming_fast',
          kind: 'rate',
          title: text('Freezer warming fast'),
          severity: 'warning',
          metric: 'temp_c',
          direction: 'rise',
          delta: 2,
          windowS: 600,
          clearAfterS: 600,
        },
      ],
    }),
    run: (h) => {
      play(h.clock, h.bus, 'wif-1', HOUR, 10 * SEC, (t) => ({ temp_c: -20 + t / (10 * MINUTE) })); // 1 °C / 10 min
      play(h.clock, h.bus, 'wif-1', 10 * MINUTE, 10 * SEC, (t) => ({ temp_c: -14 + t / (2 * MINUTE) }));
      play(h.clock, h.bus, 'wif-1', HOUR, 10 * SEC, () => ({ temp_c: -9 }));
    },
    expected: ['raise wif-1/warming_fast', 'clear wif-1/warming_fast'],
    // Window low at 50+x min is −15+x/10, value −14+x/2: the change passes 2 °C at x = 2.5 min.
    // Plateau from 70 min: the 10-min low catches up to within 2 °C at 76, calm 10 min → 86.
    atMinutes: [62.67, 86],
  },
  {
    name: 'stuck sensor: the same value for 30 min raises; any change clears',
    config: storeWithRules({
      cooler: [
        {
          id: 'probe_stuck',
          kind: 'stuck',
          title: text('Probe stuck'),
          severity: 'warning',
          metric: 'temp_c',
          forS: 1800,
          tolerance: 0.05,
        },
      ],
    }),
    run: (h) => {
      play(h.clock, h.bus, 'wic-1', 20 * MINUTE, 10 * SEC, (t) => ({ temp_c: 3 + ((t / SEC) % 3) * 0.1 }));
      play(h.clock, h.bus, 'wic-1', HOUR, 10 * SEC, () => ({ temp_c: 3.3 }));
      play(h.clock, h.bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 3.6 }));
    },
    expected: ['raise wic-1/probe_stuck', 'clear wic-1/probe_stuck'],
    atMinutes: [20 + 30, 80 + 1 / 6],
  },
  {
    name: 'offline by Last Will; telemetry alone does not end it, the online status does',
    config: storeWithRules({
      cooler: [{ id: 'offline', kind: 'offline', title: text('Offline'), severity: 'warning' }],
    }),
    run: (h) => {
      play(h.clock, h.bus, 'wic-1', 5 * MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
      h.bus.emit('deviceStatus', {
        equipmentId: 'wic-1',
        online: false,
        ts: h.clock.now(),
        cause: 'last_will',
      });
      h.bus.emit('deviceStatus', { equipmentId: 'wic-1', online: false, ts: h.clock.now(), cause: 'status' });
      h.clock.advance(20 * SEC);
      // Ingest holds the return of a flapping device until it settled: readings meanwhile clear nothing.
      play(h.clock, h.bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
      h.bus.emit('deviceStatus', { equipmentId: 'wic-1', online: true, ts: h.clock.now(), cause: 'connect' });
      play(h.clock, h.bus, 'wic-1', 5 * MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
    },
    expected: ['raise wic-1/offline', 'clear wic-1/offline'],
    atMinutes: [5, 5 + 20 / 60 + 1],
  },
  {
    name: 'offline by silence, then a Last Will: the online status ends it, not the readings before it',
    config: storeWithRules({
      cooler: [{ id: 'offline', kind: 'offline', title: text('Offline'), severity: 'warning' }],
    }),
    run: (h) => {
      play(h.clock, h.bus, 'wic-1', 5 * MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
      h.clock.advance(MINUTE);
      h.bus.emit('deviceStatus', {
        equipmentId: 'wic-1',
        online: false,
        ts: h.clock.now(),
        cause: 'last_will',
      });
      play(h.clock, h.bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
      h.bus.emit('deviceStatus', { equipmentId: 'wic-1', online: true, ts: h.clock.now(), cause: 'connect' });
    },
    expected: ['raise wic-1/offline', 'clear wic-1/offline'],
    atMinutes: [5.5, 7],
  },
  {
    name: 'offline by silence: 3 × the report interval',
    config: storeWithRules({
      cooler: [
        { id: 'offline', kind: 'offline', title: text('Offline'), severity: 'warning', silenceFactor: 3 },
      ],
    }),
    run: (h) => {
      play(h.clock, h.bus, 'wic-1', 5 * MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
      h.clock.advance(10 * MINUTE);
      play(h.clock, h.bus, 'wic-1', MINUTE, 10 * SEC, () => ({ temp_c: 3 }));
    },
    expected: ['raise wic-1/offline', 'clear wic-1/offline'],
    atMinutes: [5.5, 15 + 1 / 6],
  },
  {
    name: 'door open: warming while open and during recovery is no fault; staying warm after is',
    config: storeWithRules({ cooler: [coolerHigh] }),
    run: (h) => {
      play(h.clock, h.bus, 'wic-1', 20 * MINUTE, 10 * SEC, () => ({ temp_c: 8, door_open: true }));
      play(h.clock, h.bus, 'wic-1', 8 * MINUTE, 10 * SEC, (t) => ({
        temp_c: 8 - t / MINUTE,
        door_open: false,
      }));
      play(h.clock, h.bus, 'wic-1', HOUR, 10 * SEC, () => ({ temp_c: 3, door_open: false }));
      // Second time the door is left open, then the box stays warm after closing.
      play(h.clock, h.bus, 'wic-1', 5 * MINUTE, 10 * SEC, () => ({ temp_c: 8, door_open: true }));
      play(h.clock, h.bus, 'wic-1', 40 * MINUTE, 10 * SEC, () => ({ temp_c: 8, door_open: false }));
    },
    expected: ['raise wic-1/temp_high'],
    // Door closed at 93 min; quiet until 103; then 15 min held.
    atMinutes: [93 + 10 + 15],
  },
  {
    name: 'scheduled defrost window 02:00–02:30 store time suppresses; warm after it raises',
    config: storeWithRules({ cooler: [coolerHigh] }),
    startMs: Date.UTC(2026, 0, 5, 18, 0, 0), // 02:00 Asia/Shanghai
    run: (h) => {
      play(h.clock, h.bus, 'wic-1', 30 * MINUTE, 10 * SEC, () => ({ temp_c: 9 }));
      play(h.clock, h.bus, 'wic-1', HOUR, 10 * SEC, () => ({ temp_c: 3 }));
      h.clock.advanceTo(Date.UTC(2026, 0, 6, 18, 0, 0) - 10 * SEC);
      // Next night the box stays warm past the window.
      play(h.clock, h.bus, 'wic-1', HOUR, 10 * SEC, () => ({ temp_c: 9 }));
    },
    expected: ['raise wic-1/temp_high'],
    atMinutes: [24 * 60 + 30 + 15],
  },
  {
    name: 'duty cycle: compressor running more than 80 % of the hour raises',
    config: storeWithRules({
      cooler: [
        {
          id: 'compressor_duty',
          kind: 'duty_cycle',
          title: text('Compressor runs too much'),
          severity: 'warning',
          metric: 'compressor_on',
          maxPct: 80,
        },
      ],
    }),
    run: (h) => {
      // 50 % (5 on / 5 off) for 2 h, then 90 % (9 on / 1 off) for 2 h, then 50 % again.
      const cycle = (onMin: number) => (t: number) => ({ compressor_on: (t / MINUTE) % 10 < onMin });
      play(h.clock, h.bus, 'wic-1', 2 * HOUR, 10 * SEC, cycle(5));
      play(h.clock, h.bus, 'wic-1', 2 * HOUR, 10 * SEC, cycle(9));
      play(h.clock, h.bus, 'wic-1', 2 * HOUR, 10 * SEC, cycle(5));
    },
    expected: ['raise wic-1/compressor_duty', 'clear wic-1/compressor_duty'],
    // 0.5·(60−x) + 0.9·x > 48 % of the hour once x > 45 min of the busy pattern (cycle-rounded: 47);
    // it clears below 75 % once more than 22.5 min of the calm pattern are in the hour (whole cycles: 26).
    atMinutes: [167.17, 266.17],
  },
];

describe('rule engine over simulated hours', () => {
  it.each(scenarios)('$name', (s) => {
    const h = harness(s.config, s.startMs);
    s.run(h);
    expect(summary(h)).toEqual(s.expected);
    s.atMinutes?.forEach((minute, i) => {
      const t = h.seen[i];
      expect(t, `transition ${i}`).toBeDefined();
      if (t) expect(Math.abs(h.at(t) - minute), `transition ${i} at ${h.at(t)} min`).toBeLessThanOrEqual(0.5);
    });
  });
});
