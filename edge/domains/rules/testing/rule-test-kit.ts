import type { z } from 'zod';
import type { RuleInput } from '../../../../shared/config/rules';
import { StoreConfig } from '../../../../shared/config/store-config';
import type { ReadingValue } from '../../../../shared/device-messages';
import type { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import type { EventBus } from '../../../runtime/event-bus';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

type FaultCodesInput = z.input<typeof StoreConfig>['equipmentTypes'][string]['faultCodes'];

/** A small store (cooler, freezer, combi oven) with the rules a test supplies. */
export function storeWithRules(
  rules: { cooler?: RuleInput[]; freezer?: RuleInput[]; oven?: RuleInput[] },
  faultCodes: FaultCodesInput = {},
): StoreConfig {
  const label = (en: string) => ({ en, 'zh-CN': en });
  return StoreConfig.parse({
    store: { id: 'test-store', name: 'Test', region: 'test', timezone: 'Asia/Shanghai' },
    equipmentTypes: {
      walk_in_cooler: {
        label: label('Cooler'),
        reportIntervalS: 10,
        metrics: {
          temp_c: { unit: '°C' },
          door_open: { kind: 'boolean' },
          compressor_on: { kind: 'boolean' },
          defrost_on: { kind: 'boolean' },
        },
        rules: rules.cooler ?? [],
      },
      walk_in_freezer: {
        label: label('Freezer'),
        reportIntervalS: 10,
        metrics: { temp_c: { unit: '°C' }, compressor_on: { kind: 'boolean' } },
        rules: rules.freezer ?? [],
      },
      combi_oven: {
        label: label('Oven'),
        reportIntervalS: 5,
        metrics: { cavity_temp_c: { unit: '°C' } },
        rules: rules.oven ?? [],
        faultCodes,
      },
    },
    equipment: [
      { id: 'wic-1', type: 'walk_in_cooler', station: 'cold', name: label('Walk-in') },
      { id: 'wif-1', type: 'walk_in_freezer', station: 'cold', name: label('Freezer') },
      { id: 'oven-1', type: 'combi_oven', station: 'grill', name: label('Oven') },
    ],
  });
}

/**
 * Plays a device reporting every `everyMs` for `forMs` of store time: the clock
 * moves to each reading's time (firing due timers) and the readings go on the bus.
 */
export function play(
  clock: FakeClock,
  bus: EventBus,
  equipmentId: string,
  forMs: number,
  everyMs: number,
  readings: (elapsedMs: number) => Record<string, ReadingValue>,
): void {
  const start = clock.now();
  for (let elapsed = everyMs; elapsed <= forMs; elapsed += everyMs) {
    clock.advanceTo(start + elapsed);
    bus.emit('readingsCommitted', [{ equipmentId, ts: clock.now(), readings: readings(elapsed) }]);
  }
}
