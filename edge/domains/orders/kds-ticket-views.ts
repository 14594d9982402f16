import type { KdsLineState, KdsLineView, KdsTicketView, StationReadiness } from '../../../shared/api/kds';
import type { KitchenSettings } from '../../../shared/config/kitchen';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { KdsLineRow, KdsStore, KdsTicketRow } from './kds-store';
import type { OrderStore, StoredOrder } from './order-store';

export interface KdsTicketViewsDeps {
  store: KdsStore;
  orders: OrderStore;
  clock: Clock;
  settings: () => { kitchen: KitchenSettings };
}

export function lineState(line: KdsLineRow, now: number): KdsLineState {
  if (line.voided) return 'voided';
  if (line.doneAt !== null) return 'done';
  if (line.firesAt === null || line.firesAt > now) return 'pending';
  return 'cooking';
}

/** The expo stations of the kitchen: their readiness follows every prep station. */
export function expoStationsOf(kitchen: KitchenSettings): Set<string> {
  return new Set(kitchen.stations.filter((s) => s.kind === 'expo').map((s) => s.id));
}

/** Kitchen tickets as a station screen shows them, with their lines, order and readiness. */
export class KdsTicketViews {
  constructor(private readonly deps: KdsTicketViewsDeps) {}

  /** Views of many tickets with a handful of queries, whatever their number. */
  of(rows: readonly KdsTicketRow[]): KdsTicketView[] {
    const orders = new Map<number, StoredOrder | undefined>();
    const lines = this.deps.store.linesOfTickets(rows.map((r) => r.id));
    const expo = expoStationsOf(this.deps.settings().kitchen);
    const expoRows = rows.filter((r) => expo.has(r.station));
    const owners = new Set<number>();
    for (const row of expoRows) {
      owners.add(row.orderId);
      for (const line of lines.get(row.id) ?? []) owners.add(line.orderId);
    }
    const ownedLines =
      owners.size > 0 ? this.deps.store.linesOfOrders([...owners]) : new Map<number, KdsLineRow[]>();
    return rows.map((row) => this.#view(row, orders, lines.get(row.id) ?? [], ownedLines));
  }

  #view(
    row: KdsTicketRow,
    orders: Map<number, StoredOrder | undefined>,
    lines: readonly KdsLineRow[],
    ownedLines: ReadonlyMap<number, KdsLineRow[]>,
  ): KdsTicketView {
    const now = this.deps.clock.now();
    let order = orders.get(row.orderId);
    if (!orders.has(row.orderId)) {
      order = this.deps.orders.get(row.orderId);
      orders.set(row.orderId, order);
    }
    const lineViews = lines.map((line): KdsLineView => {
      let movedTo: string | undefined;
      if (line.orderId !== row.orderId) {
        if (!orders.has(line.orderId)) orders.set(line.orderId, this.deps.orders.get(line.orderId));
        movedTo = orders.get(line.orderId)?.externalId;
      }
      const { detail } = line;
      return {
        lineId: line.key,
        item: line.item,
        qty: line.qty,
        removedQty: line.removedQty,
        state: lineState(line, now),
        ...(line.firesAt !== null ? { firesAt: line.firesAt } : {}),
        course: line.course,
        modifiers: detail.modifiers,
        ...(detail.note !== undefined ? { note: detail.note } : {}),
        ...(detail.seat !== undefined ? { seat: detail.seat } : {}),
        allergy: detail.allergy,
        ...(detail.partOf ? { partOf: detail.partOf } : {}),
        changed: line.changed,
        ...(detail.movedFrom ? { movedFrom: detail.movedFrom } : {}),
        ...(movedTo ? { movedTo } : {}),
      };
    });
    const station = this.deps.settings().kitchen.stations.find((s) => s.id === row.station);
    return {
      id: row.id,
      orderId: row.orderId,
      orderExternalId: order?.externalId ?? '',
      source: order?.source ?? '',
      station: row.station,
      kind: row.kind,
      channel: order?.channel ?? 'dine_in',
      ...(order?.order.table !== undefined ? { table: order.order.table } : {}),
      ...(order?.order.guestName !== undefined ? { guestName: order.order.guestName } : {}),
      version: row.version,
      businessDate: row.businessDate,
      createdAt: row.createdAt,
      ...(row.bumpedAt !== null ? { bumpedAt: row.bumpedAt } : {}),
      ...(row.bumpedBy !== null ? { bumpedBy: row.bumpedBy } : {}),
      ...(row.recalledAt !== null ? { recalledAt: row.recalledAt } : {}),
      ...(row.chainedFrom !== null ? { chainedFrom: row.chainedFrom } : {}),
      orderVoided: order?.status === 'voided',
      lines: lineViews,
      ...(station?.kind === 'expo'
        ? { readiness: this.#readiness(row.orderId, station.id, lines, ownedLines) }
        : {}),
    };
  }

  /** Per prep station, the lines of this order (and of lines moved onto it) still to make. */
  #readiness(
    orderId: number,
    expoStation: string,
    expoLines: readonly KdsLineRow[],
    ownedLines: ReadonlyMap<number, KdsLineRow[]>,
  ): StationReadiness[] {
    const owners = new Set([orderId, ...expoLines.map((l) => l.orderId)]);
    const byStation = new Map<string, number>();
    const expo = expoStationsOf(this.deps.settings().kitchen);
    for (const owner of owners) {
      for (const line of ownedLines.get(owner) ?? []) {
        if (expo.has(line.station) || line.station === expoStation) continue;
        const open = line.qty > 0 && !line.voided && line.doneAt === null ? 1 : 0;
        byStation.set(line.station, (byStation.get(line.station) ?? 0) + open);
      }
    }
    return [...byStation].map(([station, openLines]) => ({ station, ready: openLines === 0, openLines }));
  }
}
