import { afterEach, expect, it } from 'vitest';
import { StoreConfig } from '../../../shared/config/store-config';
import { HOUR, MINUTE } from '../rules/testing/rule-test-kit';
import { countRows, faultChain } from './testing/ticket-test-kit';

const DEVICES = 50;
const text = (en: string) => ({ en, 'zh-CN': en });

const config = StoreConfig.parse({
  store: { id: 'busy-store', name: 'Busy', region: 'test', timezone: 'Asia/Shanghai' },
  equipmentTypes: {
    reach_in_cooler: {
      label: text('Reach-in'),
      metrics: { temp_c: {} },
      rules: [
        {
          id: 'temp_high',
          kind: 'threshold',
          title: text('Too warm'),
          severity: 'critical',
          metric: 'temp_c',
          raise: { op: '>', value: 5, forS: 60 },
          clear: { op: '<', value: 4, forS: 60 },
        },
      ],
    },
  },
  equipment: Array.from({ length: DEVICES }, (_, i) => ({
    id: `ric-${i}`,
    type: 'reach_in_cooler',
    station: 'prep',
    name: text(`Reach-in ${i}`),
  })),
});

let chain: ReturnType<typeof faultChain> | undefined;
afterEach(() => chain?.stop());

it(`${DEVICES} devices flapping for hours in interleaved batches: one ticket each, every alarm attached`, () => {
  chain = faultChain(config);
  const { clock, bus, tickets, alarms, db } = chain;
  const start = clock.now();
  for (let t = 10_000; t <= 4 * HOUR; t += 10_000) {
    clock.advanceTo(start + t);
    // Each device flips between warm and cold on its own period (3–12 min), so raises interleave.
    const batch = config.equipment.map((e, i) => {
      const period = (3 + (i % 10)) * MINUTE;
      const warm = Math.floor(t / period) % 2 === 0;
      return { equipmentId: e.id, ts: clock.now(), readings: { temp_c: warm ? 8 : 2 } };
    });
    bus.emit('readingsCommitted', batch);
  }
  const all = tickets.list({ status: 'all', limit: 1000 });
  expect(all).toHaveLength(DEVICES);
  expect(new Set(all.map((t) => t.equipmentId)).size).toBe(DEVICES);
  const alarmRows = countRows(db, 'SELECT count(*) AS n FROM alarms');
  expect(alarmRows).toBeGreaterThan(DEVICES);
  expect(all.reduce((n, t) => n + t.alarmIds.length, 0)).toBe(alarmRows);
  expect(alarms.list({ state: 'all', limit: 10_000 })).toHaveLength(alarmRows);
});
