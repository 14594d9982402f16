import { CentralTicket } from '../../../shared/central/api';
import type { CentralWorkOrder, RunningDayMetrics } from '../../../shared/central/maintenance-api';
import type { CentralDb } from '../db/central-db';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Today's running figures per store: the day no `metrics.daily` covers yet, so a manager
 * does not stare at "—" until the store's day has closed. `sinceOf` gives each store's
 * start (the end of its newest synced day); the tickets are read from central's projection.
 */
export async function runningDays(
  db: CentralDb,
  storeIds: readonly string[],
  now: number,
  sinceOf: (storeId: string) => number | undefined,
  workOrders: readonly CentralWorkOrder[],
): Promise<(storeId: string) => RunningDayMetrics> {
  const since = new Map(storeIds.map((id) => [id, sinceOf(id) ?? now - DAY_MS]));
  const earliest = Math.min(now - DAY_MS, ...since.values());
  const rows =
    storeIds.length === 0
      ? []
      : await db
          .selectFrom('tickets')
          .select(['store_id', 'unfinished', 'opened_at', 'view'])
          .where('store_id', 'in', [...storeIds])
          .where((eb) => eb.or([eb('unfinished', '=', 1), eb('opened_at', '>=', earliest)]))
          .execute();
  return (storeId) => {
    const start = since.get(storeId) ?? now - DAY_MS;
    const mine = rows.filter((r) => r.store_id === storeId);
    const opened = mine
      .filter((r) => r.opened_at >= start)
      .map((r) => CentralTicket.parse(JSON.parse(r.view)));
    const responses = opened.flatMap((t) =>
      t.acknowledgedAt === null ? [] : [t.acknowledgedAt - t.openedAt],
    );
    const repairs = opened.flatMap((t) => (t.resolvedAt === null ? [] : [t.resolvedAt - t.openedAt]));
    const pm = workOrders.filter((o) => o.storeId === storeId);
    return {
      since: start,
      repairs: opened.length,
      acknowledged: responses.length,
      resolved: repairs.length,
      firstResponseAvgS: averageS(responses),
      mttrAvgS: averageS(repairs),
      repeatRepairRate: opened.length === 0 ? null : opened.filter((t) => t.repeat).length / opened.length,
      openTickets: mine.filter((r) => r.unfinished === 1).length,
      pmBacklog: pm.length,
      pmOverdue: pm.filter((o) => o.overdue).length,
    };
  };
}

function averageS(spansMs: readonly number[]): number | null {
  if (spansMs.length === 0) return null;
  return spansMs.reduce((sum, ms) => sum + Math.max(0, ms), 0) / spansMs.length / 1000;
}
