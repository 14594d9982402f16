import { AlarmView } from '../../../shared/api/alarms';
import { CentralTicket, type OpenTicket } from '../../../shared/central/api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';

/** Tickets not yet verified or closed across the caller's stores, oldest first, with their ages. */
export async function openTickets(
  db: CentralDb,
  scope: StoreScope,
  now: number,
  options: { storeId?: string | undefined; limit: number },
): Promise<OpenTicket[]> {
  let q = db
    .selectFrom('tickets')
    .innerJoin('stores', 'stores.id', 'tickets.store_id')
    .where('tickets.unfinished', '=', 1)
    .where((eb) => inScope(eb, scope))
    .select([
      'tickets.store_id',
      'stores.name as store_name',
      'stores.region_id',
      'tickets.opened_at',
      'tickets.view',
    ])
    .orderBy('tickets.opened_at')
    .limit(options.limit);
  if (options.storeId !== undefined) q = q.where('tickets.store_id', '=', options.storeId);
  const rows = await q.execute();
  return rows.map((row) => ({
    storeId: row.store_id,
    storeName: row.store_name,
    regionId: row.region_id,
    ageS: Math.max(0, (now - row.opened_at) / 1000),
    ticket: CentralTicket.parse(JSON.parse(row.view)),
  }));
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
