import { describe, expect, it } from 'vitest';
import { PredictiveFleet } from './predictive-fleet';

const T0 = Date.UTC(2026, 0, 5);

describe('predictive fleet', () => {
  it('watches only equipment with predictive metrics and feeds each its own monitor', () => {
    const fleet = new PredictiveFleet(
      [
        { id: 'wic-1', type: 'walk_in_cooler' },
        { id: 'fryer-1', type: 'fryer' },
        { id: 'hood-1', type: 'hood' },
      ],
      (ms) => new Date(ms).getUTCHours(),
    );
    expect(fleet.watched).toEqual(['wic-1', 'fryer-1']);
    for (let i = 0; i < 10; i++) {
      fleet.pushMessage('wic-1', T0 + i * 10_000, {
        temp_c: 3,
        compressor_on: false,
        door_open: false,
        defrost_on: false,
      });
    }
    expect(fleet.pushMessage('hood-1', T0, { airflow_m3h: 900 })).toEqual([]);
    expect(fleet.skipped.unknownEquipment).toBe(1);
    expect(fleet.monitor('wic-1')?.phase).toBe('learning');
    // A row from the past is refused and counted, not thrown.
    fleet.pushRows('wic-1', [{ ts: T0, metric: 'temp_c', value: 3 }]);
    expect(fleet.monitor('wic-1')?.rejectedRows.out_of_order).toBe(1);
  });
});
