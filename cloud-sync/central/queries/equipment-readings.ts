import type { EquipmentReadings, LatestReadings } from '../../../shared/central/insight-api';
import { MinuteRollup } from '../../../shared/central/insight-api';
import type { CentralDb } from '../db/central-db';

/**
 * One equipment's synced minutes between `from` and `to`, oldest first. A minute the edge
 * recomputed and sent again appears once, with its newest values (the highest seq).
 */
export async function equipmentReadings(
  db: CentralDb,
  storeId: string,
  equipmentId: string,
  from: number,
  to: number,
): Promise<EquipmentReadings> {
  // The event's ts is the end of its minute (bucket + 1 min), so the range is widened by one.
  const rows = await db
    .selectFrom('sync_events')
    .select(['seq', 'payload'])
    .where('store_id', '=', storeId)
    .where('kind', '=', 'rollup')
    .where('entity_id', '=', equipmentId)
    .where('ts', '>', from)
    .where('ts', '<=', to + 60_000)
    .orderBy('ts')
    .orderBy('seq')
    .execute();
  const byMinute = new Map<number, LatestReadings>();
  for (const row of rows) {
    const parsed = MinuteRollup.safeParse(JSON.parse(row.payload));
    if (!parsed.success) continue;
    const { minuteTs, metrics } = parsed.data;
    if (minuteTs < from || minuteTs >= to) continue;
    byMinute.set(minuteTs, { minuteTs, metrics });
  }
  const points = [...byMinute.values()].sort((a, b) => a.minuteTs - b.minuteTs);
  return { equipmentId, from, to, points };
}
