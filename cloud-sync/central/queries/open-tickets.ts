import { AlarmView } from '../../../shared/api/alarms';
import { CentralTicket, type OpenTicket, type TicketsQuery } from '../../../shared/central/api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { equipmentLabels, labelTexts, matchesText } from './equipment-labels';

/** Rows read before the filters SQL cannot apply (equipment type, text): enough for a region's year. */
const SCAN_LIMIT = 20_000;

/**
 * Tickets across the caller's stores, oldest first, with their ages: by default those not
 * yet verified or closed. Store, severity and opening time filter in SQL; the equipment
 * type and free text (names in both languages, titles, ids) once names are known.
 */
export async function openTickets(
  db: CentralDb,
  scope: StoreScope,
  now: number,
  options: Pick<TicketsQuery, 'storeId' | 'severity' | 'equipmentType' | 'q' | 'from' | 'to' | 'limit'> & {
    status?: TicketsQuery['status'];
  },
): Promise<OpenTicket[]> {
  const textual = options.equipmentType !== undefined || options.q !== undefined;
  let q = db
    .selectFrom('tickets')
    .innerJoin('stores', 'stores.id', 'tickets.store_id')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .where((eb) => inScope(eb, scope))
    .select([
      'tickets.store_id',
      'stores.name as store_name',
      'stores.region_id',
      'regions.name as region_name',
      'tickets.opened_at',
      'tickets.view',
    ])
    .orderBy('tickets.opened_at')
    .limit(textual ? SCAN_LIMIT : options.limit);
  if ((options.status ?? 'open') === 'open') q = q.where('tickets.unfinished', '=', 1);
  if (options.storeId !== undefined) q = q.where('tickets.store_id', '=', options.storeId);
  if (options.from !== undefined) q = q.where('tickets.opened_at', '>=', options.from);
  if (options.to !== undefined) q = q.where('tickets.opened_at', '<', options.to);
  const rows = await q.execute();
  const labelOf = await equipmentLabels(
    db,
    rows.map((row) => row.store_id),
  );
  const found: OpenTicket[] = [];
  for (const row of rows) {
    const ticket = CentralTicket.parse(JSON.parse(row.view));
    if (options.severity !== undefined && ticket.severity !== options.severity) continue;
    const equipment = labelOf(row.store_id, ticket.equipmentId);
    if (options.equipmentType !== undefined && equipment.type !== options.equipmentType) continue;
    const texts = [
      row.store_id,
      row.store_name,
      `#${ticket.id}`,
      ticket.fault,
      ticket.category,
      ticket.title.en,
      ticket.title['zh-CN'],
      ticket.assignedTo,
      ...labelTexts(equipment),
    ];
    if (!matchesText(options.q, texts)) continue;
    found.push({
      storeId: row.store_id,
      storeName: row.store_name,
      regionId: row.region_id,
      regionName: row.region_name,
      equipment,
      ageS: Math.max(0, (now - row.opened_at) / 1000),
      ticket,
    });
    if (found.length >= options.limit) break;
  }
  return found;
}

export async function activeAlarms(db: CentralDb, storeId: string): Promise<AlarmView[]> {
  const rows = await db
    .selectFrom('alarms')
    .select('view')
    .where('store_id', '=', storeId)
    .where('active', '=', 1)
    .orderBy('raised_at', 'desc')
    .execute();
  return rows.map((row) => AlarmView.parse(JSON.parse(row.view)));
}
