import type { KdsTicketKind } from '../../../shared/api/kds';
import type { PosOrder } from '../../../shared/api/orders';
import type { KdsLineRow, KdsStore } from './kds-store';
import type { KitchenRouting, RoutedLine, RoutedLineDetail } from './kitchen-routing';
import type { OrderStore, StoredOrder } from './order-store';

/** What one change did to the kitchen: for the announcement and the POS's receipt. */
export class KitchenChange {
  readonly ticketsOpened: number[] = [];
  /** station → tickets changed there */
  readonly byStation = new Map<string, Set<number>>();
  opened = false;
  bumped = false;
  recalled = false;

  touch(station: string, ticketId: number): void {
    let ids = this.byStation.get(station);
    if (!ids) {
      ids = new Set();
      this.byStation.set(station, ids);
    }
    ids.add(ticketId);
  }
}

const isOpen = (line: KdsLineRow) => line.qty > 0 && !line.voided && line.doneAt === null;
const detailKey = (d: RoutedLineDetail) =>
  JSON.stringify([d.modifiers.map((m) => [m.id, m.item]), d.note ?? '', d.seat ?? 0]);

/**
 * Turns versions of an order into kitchen tickets, diffing each version against what the
 * kitchen already holds, line by line on line ids: more of a line is a new ticket marked
 * as an addition; less, or a line gone, strikes through what is no longer wanted (the
 * newest, unmade portions first) and never deletes it; a line moved from another order
 * (split bill, merged or transferred table) is taken over with its ticket, so it is made
 * once. A refund changes nothing in the kitchen; voiding strikes every line.
 *
 * The items of one order are fired so they finish together: each line of a course waits
 * the difference between the longest prep time among them and its own. A later course is
 * held until the courses before it are done, or until someone fires it.
 */
export class KitchenTickets {
  constructor(
    private readonly store: KdsStore,
    private readonly orders: OrderStore,
    private readonly routing: () => { routing: KitchenRouting; expoStations: ReadonlySet<string> },
  ) {}

  /**
   * Call inside the transaction that stores the version. `backfill`: an order of a past
   * business day the kitchen never saw (an export imported the next morning), served long
   * ago, so it is recorded and makes no ticket.
   */
  apply(
    order: StoredOrder,
    previous: PosOrder | undefined,
    now: number,
    change: KitchenChange,
    backfill = false,
  ): void {
    const status = order.order.status;
    if (status === 'voided') {
      this.#strikeAll(order.id, change);
      return;
    }
    // A refund comes after the food: what was made is waste, not a kitchen change.
    if (status === 'refunded' || backfill) return;
    // A closed check is diffed like an open one: a counter sale arrives paid, and a close
    // overtaking the versions before it carries lines the kitchen has not seen yet.
    if (previous?.status === 'voided') this.#restoreVoided(order.id, change);
    this.#takeOverMoved(order, change);
    const { routing, expoStations } = this.routing();
    const routed = routing.route(order.order);
    const held = groupBy(
      this.store.linesOfOrder(order.id).filter((l) => l.kind !== 'chained'),
      (l) => `${l.station}\u0000${l.key}`,
    );
    const additions: { line: RoutedLine; qty: number }[] = [];
    const wanted = new Set<string>();
    for (const line of routed) {
      const key = `${line.station}\u0000${line.key}`;
      wanted.add(key);
      const lines = held.get(key) ?? [];
      const have = lines.reduce((sum, l) => sum + l.qty, 0);
      if (line.qty > have) additions.push({ line, qty: line.qty - have });
      else if (line.qty < have) this.#reduce(lines, have - line.qty, change);
      this.#updateDetail(lines, line.detail, change);
    }
    for (const [key, lines] of held) {
      if (wanted.has(key)) continue;
      const have = lines.reduce((sum, l) => sum + l.qty, 0);
      if (have > 0) this.#reduce(lines, have, change);
    }
    if (additions.length > 0) this.#open(order, additions, expoStations, now, change);
  }

  /** Releases a held course of an order now; answers the lines released. */
  fireCourse(orderId: number, course: number, now: number, change: KitchenChange): number {
    const order = this.orders.get(orderId);
    if (!order) return 0;
    const { expoStations } = this.routing();
    const lines = this.store
      .linesOfOrder(orderId)
      .filter((l) => l.course === course && l.firesAt === null && !l.voided && l.qty > 0);
    this.#stagger(lines, expoStations, now);
    for (const line of lines) {
      this.store.saveLine(line);
      change.touch(line.station, line.ticketId);
    }
    this.orders.setFiredCourses(orderId, order.firedCourses | (1 << course));
    return lines.length;
  }

  /** After a bump: the next held course fires once every course before it is done. */
  fireNextCourseIfDue(orderId: number, now: number, change: KitchenChange): void {
    const { expoStations } = this.routing();
    const lines = this.store.linesOfOrder(orderId).filter((l) => !expoStations.has(l.station));
    const heldCourses = lines
      .filter((l) => l.firesAt === null && !l.voided && l.qty > 0)
      .map((l) => l.course);
    if (heldCourses.length === 0) return;
    const next = Math.min(...heldCourses);
    const earlierOpen = lines.some((l) => l.course < next && isOpen(l));
    if (!earlierOpen) this.fireCourse(orderId, next, now, change);
  }

  #open(
    order: StoredOrder,
    additions: { line: RoutedLine; qty: number }[],
    expoStations: ReadonlySet<string>,
    now: number,
    change: KitchenChange,
  ): void {
    const existing = this.store.ticketsOfOrder(order.id).filter((t) => t.kind !== 'chained');
    const lines = this.store.linesOfOrder(order.id).filter((l) => !expoStations.has(l.station));
    let fired = order.firedCourses;
    const courses = [...new Set(additions.map((a) => a.line.course))].sort((a, b) => a - b);
    const firesNow = new Set<number>();
    for (const course of courses) {
      const earlierOpen =
        lines.some((l) => l.course < course && isOpen(l)) ||
        additions.some((a) => a.line.course < course && !a.line.expo);
      if ((fired & (1 << course)) !== 0 || !earlierOpen) {
        firesNow.add(course);
        fired |= 1 << course;
      }
    }
    if (fired !== order.firedCourses) this.orders.setFiredCourses(order.id, fired);
    const longest = new Map<number, number>();
    for (const { line } of additions) {
      if (!line.expo) longest.set(line.course, Math.max(longest.get(line.course) ?? 0, line.prepS));
    }
    const byStation = groupBy(additions, (a) => a.line.station);
    for (const [station, stationAdditions] of byStation) {
      const kind: KdsTicketKind = existing.some((t) => t.station === station) ? 'addition' : 'original';
      const ticketId = this.store.insertTicket({
        orderId: order.id,
        station,
        kind,
        version: order.version,
        businessDate: order.businessDate,
        createdAt: now,
        chainedFrom: null,
      });
      for (const { line, qty } of stationAdditions) {
        const wait = line.expo ? 0 : (longest.get(line.course) ?? 0) - line.prepS;
        this.store.insertLine({
          ticketId,
          orderId: order.id,
          key: line.key,
          item: line.item,
          qty,
          course: line.course,
          prepS: line.prepS,
          firesAt: firesNow.has(line.course) ? now + wait * 1000 : null,
          detail: line.detail,
        });
      }
      change.ticketsOpened.push(ticketId);
      change.touch(station, ticketId);
      change.opened = true;
    }
  }

  /** Takes `qty` off the lines, unmade portions of the newest tickets first. */
  #reduce(lines: KdsLineRow[], qty: number, change: KitchenChange): void {
    let left = qty;
    const order = [...lines].sort(
      (a, b) => Number(a.doneAt !== null) - Number(b.doneAt !== null) || b.id - a.id,
    );
    for (const line of order) {
      if (left === 0) break;
      const take = Math.min(line.qty, left);
      if (take === 0) continue;
      left -= take;
      line.qty -= take;
      line.removedQty += take;
      if (line.qty === 0) line.voided = true;
      this.store.saveLine(line);
      change.touch(line.station, line.ticketId);
    }
  }

  #updateDetail(lines: KdsLineRow[], detail: RoutedLineDetail, change: KitchenChange): void {
    const next = detailKey(detail);
    for (const line of lines) {
      if (detailKey(line.detail) === next) continue;
      const open = isOpen(line);
      line.detail = { ...detail, ...(line.detail.movedFrom ? { movedFrom: line.detail.movedFrom } : {}) };
      if (open) line.changed = true;
      this.store.saveLine(line);
      change.touch(line.station, line.ticketId);
    }
  }

  #strikeAll(orderId: number, change: KitchenChange): void {
    for (const line of this.store.linesOfOrder(orderId)) {
      if (line.qty === 0) continue;
      line.removedQty += line.qty;
      line.qty = 0;
      line.voided = true;
      this.store.saveLine(line);
      change.touch(line.station, line.ticketId);
    }
  }

  /** An order un-voided by a later version: what the void struck is wanted again, then diffed. */
  #restoreVoided(orderId: number, change: KitchenChange): void {
    for (const line of this.store.linesOfOrder(orderId)) {
      if (!line.voided || line.removedQty === 0) continue;
      line.qty = line.removedQty;
      line.removedQty = 0;
      line.voided = false;
      this.store.saveLine(line);
      change.touch(line.station, line.ticketId);
    }
  }

  /**
   * Lines that name the line they were moved from take that line's kitchen lines over, so
   * they are made once, on the ticket they are already on. A line struck because it left
   * the other order first (the two versions can arrive in either order) is wanted again.
   */
  #takeOverMoved(order: StoredOrder, change: KitchenChange): void {
    const moved = order.order.lines.filter((l) => l.movedFrom);
    if (moved.length === 0) return;
    const owned = new Set(this.store.linesOfOrder(order.id).map((l) => l.key.split('/')[0]));
    for (const line of moved) {
      const from = line.movedFrom;
      if (!from || owned.has(line.lineId)) continue;
      const origin = this.orders.find(order.source, from.externalId);
      if (!origin || origin.id === order.id) continue;
      for (const kitchenLine of this.store.linesOfOrder(origin.id)) {
        const [base, ...part] = kitchenLine.key.split('/');
        if (base !== from.lineId) continue;
        kitchenLine.orderId = order.id;
        kitchenLine.key = [line.lineId, ...part].join('/');
        kitchenLine.detail = { ...kitchenLine.detail, movedFrom: from };
        if (kitchenLine.voided && kitchenLine.doneAt === null && kitchenLine.removedQty > 0) {
          kitchenLine.qty = kitchenLine.removedQty;
          kitchenLine.removedQty = 0;
          kitchenLine.voided = false;
        }
        this.store.saveLine(kitchenLine);
        change.touch(kitchenLine.station, kitchenLine.ticketId);
      }
    }
  }

  #stagger(lines: KdsLineRow[], expoStations: ReadonlySet<string>, now: number): void {
    const longest = lines.reduce((max, l) => (expoStations.has(l.station) ? max : Math.max(max, l.prepS)), 0);
    for (const line of lines) {
      line.firesAt = now + (expoStations.has(line.station) ? 0 : (longest - line.prepS) * 1000);
    }
  }
}

function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
