import { SlugId } from '../../../../shared/ids';
import { LocalizedText } from '../../../../shared/localized-text';
import type { RowContext } from './equipment-row';
import type { SheetRow } from './sheet';

/**
 * What rows are checked against, read from the config as it is in the file (not yet
 * validated: the import reports the config's own problems separately).
 */
export function sheetContext(
  raw: Record<string, unknown>,
  rows: readonly SheetRow[],
  now: number,
): RowContext {
  const equipmentTypes: Record<string, { label: LocalizedText }> = {};
  if (isRecord(raw.equipmentTypes)) {
    for (const [id, profile] of Object.entries(raw.equipmentTypes)) {
      const label = LocalizedText.safeParse(isRecord(profile) ? profile.label : undefined);
      equipmentTypes[id] = { label: label.success ? label.data : { en: id, 'zh-CN': id } };
    }
  }
  // A type's station: where the config's units of that type stand, else the sheet's first.
  const stationOfType = new Map<string, string>();
  const existing = Array.isArray(raw.equipment) ? raw.equipment.filter(isRecord) : [];
  const sheet = rows.map((r) => ({ type: r.cells.type, station: r.cells.station }));
  for (const { type, station } of [...existing, ...sheet]) {
    const valid = typeof station === 'string' && SlugId.safeParse(station).success;
    if (typeof type === 'string' && valid && !stationOfType.has(type)) {
      stationOfType.set(type, station);
    }
  }
  const stock = isRecord(raw.stock) ? raw.stock : {};
  const store = isRecord(raw.store) ? raw.store : {};
  return {
    equipmentTypes,
    stationOfType,
    currency: typeof stock.currency === 'string' ? stock.currency : 'CNY',
    today: dayIn(typeof store.timezone === 'string' ? store.timezone : 'UTC', now),
  };
}

/** The calendar day at `now` in a time zone, YYYY-MM-DD (UTC when the zone is not one). */
export function dayIn(timeZone: string, now: number): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
