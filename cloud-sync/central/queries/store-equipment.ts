import type { CentralEquipment } from '../../../shared/central/api';
import type { CentralDb } from '../db/central-db';
import { latestOrNull, localizedOrNull } from './equipment-labels';

/** A store's equipment as central learned it from synced events and pushed configuration. */
export async function storeEquipment(db: CentralDb, storeId: string): Promise<CentralEquipment[]> {
  const rows = await db
    .selectFrom('equipment')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('alarms')
          .where('store_id', '=', storeId)
          .where('active', '=', 1)
          .groupBy('equipment_id')
          .select((a) => ['equipment_id', a.fn.countAll().as('n')])
          .as('active'),
      (join) => join.onRef('active.equipment_id', '=', 'equipment.equipment_id'),
    )
    .where('equipment.store_id', '=', storeId)
    .select([
      'equipment.equipment_id',
      'equipment.name',
      'equipment.type',
      'equipment.local_name',
      'equipment.type_label',
      'equipment.online',
      'equipment.status_changed_at',
      'equipment.latest_minute_ts',
      'equipment.latest_readings',
      'active.n',
    ])
    .orderBy('equipment.equipment_id')
    .execute();
  return rows.map((row) => ({
    equipmentId: row.equipment_id,
    name: row.name,
    type: row.type,
    localName: localizedOrNull(row.local_name),
    typeLabel: localizedOrNull(row.type_label),
    online: row.online === null ? null : row.online === 1,
    statusChangedAt: row.status_changed_at,
    activeAlarms: Number(row.n ?? 0),
    latest: latestOrNull(row.latest_minute_ts, row.latest_readings),
  }));
}
