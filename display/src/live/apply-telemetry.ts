import type { LatestReading } from '../../../shared/api/equipment';
import { type TelemetryMessage, timestampToEpochMs } from '../../../shared/device-messages';
import type { BoardSnapshot } from './board-snapshot';

/**
 * A telemetry message pushed over MQTT, applied to the board the way the edge's next
 * `GET /api/equipment` would show it: each metric's latest value and time, and when
 * the equipment was last heard from. The broker relays device telemetry only once the
 * edge has accepted it (known metric, right kind, in range, plausible time), so the
 * board never shows a reading the edge refused.
 *
 * Online and state stay as they are: the edge derives them from presence and alarms,
 * which it announces itself (the live board refetches on those).
 *
 * Returns the same snapshot when nothing changes (unknown equipment, only older
 * readings), so the screens do not redraw for nothing.
 *
 * @param receivedAt epoch ms the display received it: the edge's `lastSeen` is also the
 *   time of receipt, not the device's own clock
 */
export function applyTelemetry(
  snapshot: BoardSnapshot,
  equipmentId: string,
  message: TelemetryMessage,
  receivedAt: number,
): BoardSnapshot {
  const index = snapshot.equipment.findIndex((e) => e.id === equipmentId);
  const before = snapshot.equipment[index];
  if (!before) return snapshot;
  const ts = timestampToEpochMs(message.ts);
  let readings = before.readings;
  for (const [metric, value] of Object.entries(message.readings)) {
    const current: LatestReading | undefined = before.readings[metric];
    // The edge keeps the newest reading per metric by device time: a late, buffered
    // message goes into history, not onto the board.
    if (current && (current.ts > ts || (current.ts === ts && current.value === value))) continue;
    if (readings === before.readings) readings = { ...before.readings };
    readings[metric] = { value, ts };
  }
  const lastSeen = Math.max(before.lastSeen ?? receivedAt, receivedAt);
  if (readings === before.readings && lastSeen === before.lastSeen) return snapshot;
  const equipment = snapshot.equipment.slice();
  equipment[index] = { ...before, readings, lastSeen };
  return { ...snapshot, equipment };
}
