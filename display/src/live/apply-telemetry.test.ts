import { describe, expect, it } from 'vitest';
import { EquipmentList } from '../../../shared/api/equipment';
import { TelemetryMessage } from '../../../shared/device-messages';
import { equipmentView } from '../testing/equipment-fixtures';
import { applyTelemetry } from './apply-telemetry';
import { type BoardSnapshot, EMPTY_SNAPSHOT } from './board-snapshot';

const T0 = Date.UTC(2026, 0, 5, 4, 30);

function board(): BoardSnapshot {
  return {
    ...EMPTY_SNAPSHOT,
    equipment: EquipmentList.parse([
      equipmentView({
        id: 'wic-1',
        lastSeen: T0,
        readings: { temp_c: { value: 3.1, ts: T0 }, door_open: { value: false, ts: T0 } },
      }),
      equipmentView({ id: 'wif-1', lastSeen: T0, readings: { temp_c: { value: -19.6, ts: T0 } } }),
    ]),
  };
}

const telemetry = (ts: number | string, readings: Record<string, number | boolean>) =>
  TelemetryMessage.parse({ ts, readings });

describe('applyTelemetry', () => {
  it('shows the new value of each metric with its time, and when the equipment was heard from', () => {
    const before = board();
    const after = applyTelemetry(before, 'wic-1', telemetry(T0 + 1000, { temp_c: 3.4 }), T0 + 1200);
    expect(after.equipment[0]).toMatchObject({
      id: 'wic-1',
      lastSeen: T0 + 1200,
      readings: { temp_c: { value: 3.4, ts: T0 + 1000 }, door_open: { value: false, ts: T0 } },
    });
    // The rest of the board is the same objects: React redraws only what changed.
    expect(after.equipment[1]).toBe(before.equipment[1]);
    expect(before.equipment[0]?.readings.temp_c?.value).toBe(3.1);
  });

  it('adds a metric the board had no reading of yet, and takes ISO times', () => {
    const after = applyTelemetry(
      board(),
      'wif-1',
      telemetry(new Date(T0 + 5000).toISOString(), { door_open: true }),
      T0 + 5000,
    );
    expect(after.equipment[1]?.readings.door_open).toEqual({ value: true, ts: T0 + 5000 });
  });

  it('keeps a newer reading when a late, buffered one arrives (as the edge does)', () => {
    const after = applyTelemetry(board(), 'wic-1', telemetry(T0 - 60_000, { temp_c: 9.9 }), T0 + 2000);
    expect(after.equipment[0]?.readings.temp_c).toEqual({ value: 3.1, ts: T0 });
    // It was still heard from.
    expect(after.equipment[0]?.lastSeen).toBe(T0 + 2000);
  });

  it('never moves last seen back when the display clock is behind the edge', () => {
    const before = board();
    const after = applyTelemetry(before, 'wic-1', telemetry(T0, { temp_c: 3.1 }), T0 - 500);
    expect(after).toBe(before);
  });

  it('starts last seen for equipment never heard from', () => {
    const before: BoardSnapshot = {
      ...EMPTY_SNAPSHOT,
      equipment: [equipmentView({ id: 'ice-1', online: false, state: 'unknown' })],
    };
    const after = applyTelemetry(before, 'ice-1', telemetry(T0, { temp_c: 9.4 }), T0 + 10);
    expect(after.equipment[0]).toMatchObject({ lastSeen: T0 + 10, readings: { temp_c: { value: 9.4 } } });
    // Online and state are the edge's to say (presence, alarms).
    expect(after.equipment[0]).toMatchObject({ online: false, state: 'unknown' });
  });

  it('leaves the board as it is for equipment it does not show', () => {
    const before = board();
    expect(applyTelemetry(before, 'fryer-9', telemetry(T0, { oil_temp_c: 180 }), T0)).toBe(before);
  });
});
