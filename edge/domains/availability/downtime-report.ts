import type {
  DowntimeCostLine,
  DowntimeCostReport,
  DowntimeEpisode,
  RateBasis,
} from '../../../shared/api/downtime';
import type { Money } from '../../../shared/api/stock';
import type { MenuItem } from '../../../shared/config/kitchen';
import { MENU_PRICE_DECIMALS } from '../../../shared/config/kitchen';
import type { ClosedEpisodeRow, DowntimeStore, ShareRow } from './downtime-store';

const MINOR_PER_MAJOR = 10 ** MENU_PRICE_DECIMALS;
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER };

const money = (currency: string, minor: number): Money => ({ currency, amount: minor / MINOR_PER_MAJOR });

/**
 * Downtime cost of one unit over the episodes that ended in [from, to): its shares,
 * per menu item. The per-equipment sum is the number a repair-or-replace call weighs.
 */
export function equipmentReport(
  store: DowntimeStore,
  menu: readonly MenuItem[],
  equipmentId: string,
  range: { from?: number | undefined; to?: number | undefined },
): DowntimeCostReport {
  const from = range.from ?? ALL_TIME.from;
  const to = range.to ?? ALL_TIME.to;
  return {
    equipmentId,
    ...(range.from !== undefined ? { from: range.from } : {}),
    ...(range.to !== undefined ? { to: range.to } : {}),
    ...summarise(
      store,
      menu,
      store.closedOfEquipment(equipmentId, from, to),
      (s) => s.equipmentId === equipmentId,
    ),
    openEpisodes: store.openCountOfEquipment(equipmentId),
  };
}

/** Downtime cost recorded against a ticket (or against an alarm alone that is attached to it). */
export function ticketReport(
  store: DowntimeStore,
  menu: readonly MenuItem[],
  ticketId: number,
  alarmsOfTicket: ReadonlySet<number>,
): DowntimeCostReport {
  const mine = (s: ShareRow) =>
    s.ticketId === ticketId || (s.ticketId === null && s.alarmId !== null && alarmsOfTicket.has(s.alarmId));
  return {
    ticketId,
    ...summarise(store, menu, store.closedOfTicket(ticketId, ALL_TIME.from, ALL_TIME.to), mine),
    openEpisodes: store.openCountOfTicket(ticketId),
  };
}

function summarise(
  store: DowntimeStore,
  menu: readonly MenuItem[],
  rows: readonly ClosedEpisodeRow[],
  mine: (share: ShareRow) => boolean,
): Pick<DowntimeCostReport, 'lines' | 'totals' | 'episodes'> {
  const names = new Map(menu.map((m) => [m.id, m.name]));
  const lines = new Map<
    string,
    { line: Omit<DowntimeCostLine, 'amount'>; currency: string; minor: number; milli: number }
  >();
  const amounts = new Map<string, number>();
  let milliTotal = 0;
  const episodes: DowntimeEpisode[] = [];
  for (const row of rows) {
    const shares = store.shares(row.id);
    const own = shares.filter(mine);
    const minor = own.reduce((a, s) => a + s.amountMinor, 0);
    const milli = own.reduce((a, s) => a + s.portionsMilli, 0);
    const key = `${row.item}\u0000${row.currency}`;
    const held = lines.get(key) ?? {
      line: {
        item: row.item,
        ...(names.get(row.item) ? { name: names.get(row.item) } : {}),
        episodes: 0,
        portionsLost: 0,
        priced: true,
      },
      currency: row.currency,
      minor: 0,
      milli: 0,
    };
    held.line.episodes += 1;
    held.line.priced &&= row.priceMinor !== null;
    held.minor += minor;
    held.milli += milli;
    lines.set(key, held);
    amounts.set(row.currency, (amounts.get(row.currency) ?? 0) + minor);
    milliTotal += milli;
    episodes.push({
      id: row.id,
      item: row.item,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      priced: row.priceMinor !== null,
      rateBasis: row.bases as RateBasis[],
      portionsLost: row.portionsMilli / 1000,
      amount: money(row.currency, row.amountMinor),
      shares: shares.map((s) => ({
        equipmentId: s.equipmentId,
        ticketId: s.ticketId,
        alarmId: s.alarmId,
        portionsLost: s.portionsMilli / 1000,
        amount: money(row.currency, s.amountMinor),
      })),
    });
  }
  return {
    lines: [...lines.values()].map(({ line, currency, minor, milli }) => ({
      ...line,
      portionsLost: milli / 1000,
      amount: money(currency, minor),
    })),
    totals: {
      episodes: rows.length,
      portionsLost: milliTotal / 1000,
      amounts: [...amounts].map(([currency, minor]) => money(currency, minor)),
    },
    episodes,
  };
}
