import { type EquipmentLabel, LatestReadings } from '../../../shared/central/insight-api';
import { LocalizedText } from '../../../shared/localized-text';
import type { CentralDb } from '../db/central-db';

export type LabelOf = (storeId: string, equipmentId: string) => EquipmentLabel;

/**
 * How the equipment of some stores is named, read once for a whole list so that an alarm
 * or ticket row does not cost a query each. Unknown equipment keeps just its id.
 */
export async function equipmentLabels(db: CentralDb, storeIds: readonly string[]): Promise<LabelOf> {
  const known = new Map<string, EquipmentLabel>();
  const unique = [...new Set(storeIds)];
  if (unique.length > 0) {
    const rows = await db
      .selectFrom('equipment')
      .select(['store_id', 'equipment_id', 'type', 'local_name', 'type_label'])
      .where('store_id', 'in', unique)
      .execute();
    for (const row of rows)
      known.set(`${row.store_id}\u0000${row.equipment_id}`, {
        equipmentId: row.equipment_id,
        name: localizedOrNull(row.local_name),
        type: row.type,
        typeLabel: localizedOrNull(row.type_label),
      });
  }
  return (storeId, equipmentId) =>
    known.get(`${storeId}\u0000${equipmentId}`) ?? { equipmentId, name: null, type: null, typeLabel: null };
}

export function localizedOrNull(json: string | null): LocalizedText | null {
  if (json === null) return null;
  const parsed = LocalizedText.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export function latestOrNull(minuteTs: number | null, json: string | null): LatestReadings | null {
  if (minuteTs === null || json === null) return null;
  const parsed = LatestReadings.safeParse({ minuteTs: Number(minuteTs), metrics: JSON.parse(json) });
  return parsed.success ? parsed.data : null;
}

/** Free-text search: every word must appear somewhere in the row's texts, case-insensitive. */
export function matchesText(
  query: string | undefined,
  texts: readonly (string | null | undefined)[],
): boolean {
  if (query === undefined) return true;
  const haystack = texts
    .filter((t): t is string => typeof t === 'string')
    .join('\n')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** The texts a row is searched by: its equipment in every language. */
export function labelTexts(label: EquipmentLabel): string[] {
  return [
    label.equipmentId,
    label.type ?? '',
    label.name?.en ?? '',
    label.name?.['zh-CN'] ?? '',
    label.typeLabel?.en ?? '',
    label.typeLabel?.['zh-CN'] ?? '',
  ];
}
