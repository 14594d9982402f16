import type { AllDayCount, KdsActionView, KdsSetupView, KdsTicketView } from '../../../shared/api/kds';
import type { KitchenSettings } from '../../../shared/config/kitchen';
import type { Clock } from '../../../shared/server/runtime/clock';
import { type Atomic, atomic } from '../../store/atomic';
import type { OutboxWriter } from '../../sync/outbox-writer';
import { businessDateOf, businessDayStartOf } from './business-date';
import type { KdsAnnouncements } from './kds-announcements';
import { KdsError } from './kds-error';
import type { KdsLineRow, KdsStore, KdsTicketRow } from './kds-store';
import { expoStationsOf, KdsTicketViews, lineState } from './kds-ticket-views';
import { KitchenChange, type KitchenTickets } from './kitchen-tickets';
import type { OrderStore } from './order-store';

export { KdsError } from './kds-error';

export interface KdsServiceDeps {
  store: KdsStore;
  orders: OrderStore;
  kitchen: KitchenTickets;
  clock: Clock;
  outbox: OutboxWriter;
  announcements: KdsAnnouncements;
  settings: () => { kitchen: KitchenSettings; timezone: string };
}

/** Who bumps: a person's session or a paired station screen (`display:{id}`). */
export type KdsActor = string;

/**
 * The station screens' side of the kitchen: tickets as a station sees them, bump (a
 * ticket, or one line), recall any ticket of the business day, fire a held course, the
 * all-day counts. Every bump, recall and fire is recorded with who and when.
 */
export class KdsService {
  readonly #atomic: Atomic;
  readonly #views: KdsTicketViews;

  constructor(private readonly deps: KdsServiceDeps) {
    this.#atomic = atomic(deps.store.db);
    this.#views = new KdsTicketViews(deps);
  }

  businessDate(): string {
    const { kitchen, timezone } = this.deps.settings();
    return businessDateOf(this.deps.clock.now(), timezone, kitchen.closeoutHour);
  }

  businessDayStart(): number {
    const { kitchen, timezone } = this.deps.settings();
    return businessDayStartOf(this.businessDate(), timezone, kitchen.closeoutHour);
  }

  setup(): KdsSetupView {
    const { kitchen } = this.deps.settings();
    return {
      stations: kitchen.stations.map((s) => ({
        id: s.id,
        kind: s.kind,
        name: s.name,
        warnAfterS: s.thresholds.warnAfterS,
        lateAfterS: s.thresholds.lateAfterS,
        ...(s.next ? { next: s.next } : {}),
      })),
      items: kitchen.menu.map((i) => ({ id: i.id, name: i.name })),
      modifiers: kitchen.modifiers.map((m) => ({ id: m.id, name: m.name, allergy: m.allergy })),
      businessDate: this.businessDate(),
      businessDayStart: this.businessDayStart(),
    };
  }

  tickets(station: string, state: 'open' | 'bumped' | 'all', businessDate?: string): KdsTicketView[] {
    this.#station(station);
    const day = businessDate ?? this.businessDate();
    const rows =
      state === 'open'
        ? this.deps.store.openTickets(station)
        : state === 'bumped'
          ? this.deps.store.bumpedTickets(station, day)
          : this.deps.store.dayTickets(station, day);
    return this.#views.of(rows);
  }

  ticket(id: number): KdsTicketView {
    const row = this.deps.store.ticket(id);
    if (!row) throw new KdsError('TICKET_NOT_FOUND', `no kitchen ticket ${id}`);
    const [view] = this.#views.of([row]);
    if (!view) throw new KdsError('TICKET_NOT_FOUND', `no kitchen ticket ${id}`);
    return view;
  }

  /** Who bumped, recalled or fired what on this ticket, oldest first. */
  actions(ticketId: number): KdsActionView[] {
    const row = this.deps.store.ticket(ticketId);
    if (!row) throw new KdsError('TICKET_NOT_FOUND', `no kitchen ticket ${ticketId}`);
    return this.deps.store.actionsOf(ticketId, row.orderId);
  }

  /** Bumps the whole ticket, or only `lineId`; a ticket whose lines are all done is bumped. */
  bump(ticketId: number, actor: KdsActor, lineId?: string): KdsTicketView {
    const now = this.deps.clock.now();
    const change = new KitchenChange();
    this.#atomic(() => {
      const ticket = this.deps.store.ticket(ticketId);
      if (!ticket) throw new KdsError('TICKET_NOT_FOUND', `no kitchen ticket ${ticketId}`);
      const lines = this.deps.store.linesOfTicket(ticketId);
      const chosen = lineId === undefined ? lines : lines.filter((l) => l.key === lineId);
      if (chosen.length === 0)
        throw new KdsError(
          'LINE_NOT_FOUND',
          `ticket ${ticketId} has no line "${lineId}"; it has ${lines.map((l) => l.key).join(', ')}`,
        );
      for (const line of chosen) {
        if (line.doneAt !== null || line.voided) continue;
        line.doneAt = now;
        this.deps.store.saveLine(line);
      }
      const allDone = lines.every((l) => l.doneAt !== null || l.voided || l.qty === 0);
      this.deps.store.recordAction({
        ticketId,
        orderId: ticket.orderId,
        action: lineId === undefined ? 'bump' : 'bump_line',
        actor,
        at: now,
        ...(lineId !== undefined ? { detail: { lineId } } : {}),
      });
      change.touch(ticket.station, ticketId);
      if (allDone && ticket.bumpedAt === null) {
        this.deps.store.setBumped(ticketId, now, actor);
        change.bumped = true;
        this.#announceBump(ticket, now);
        this.#chain(ticket, lines, now, change);
      }
      for (const orderId of new Set(lines.map((l) => l.orderId))) {
        this.deps.kitchen.fireNextCourseIfDue(orderId, now, change);
      }
      this.#touchExpo(lines, change);
    });
    this.deps.announcements.send(change, now);
    return this.ticket(ticketId);
  }

  /** Brings a bumped ticket of any time back on its station, its lines to make again. */
  recall(ticketId: number, actor: KdsActor): KdsTicketView {
    const now = this.deps.clock.now();
    const change = new KitchenChange();
    this.#atomic(() => {
      const ticket = this.deps.store.ticket(ticketId);
      if (!ticket) throw new KdsError('TICKET_NOT_FOUND', `no kitchen ticket ${ticketId}`);
      if (ticket.bumpedAt === null)
        throw new KdsError(
          'NOT_BUMPED',
          `ticket ${ticketId} is still on its station; only a bumped ticket is recalled`,
        );
      const lines = this.deps.store.linesOfTicket(ticketId);
      for (const line of lines) {
        if (line.voided || line.doneAt === null) continue;
        line.doneAt = null;
        this.deps.store.saveLine(line);
      }
      this.deps.store.setRecalled(ticketId, now);
      this.deps.store.recordAction({
        ticketId,
        orderId: ticket.orderId,
        action: 'recall',
        actor,
        at: now,
        detail: { bumpedAt: ticket.bumpedAt, bumpedBy: ticket.bumpedBy },
      });
      this.deps.outbox.append({
        type: 'kds.recalled',
        entityId: ticketId,
        ts: now,
        payload: { ticketId, station: ticket.station, businessDate: ticket.businessDate, by: actor, at: now },
      });
      change.recalled = true;
      change.touch(ticket.station, ticketId);
      this.#touchExpo(lines, change);
    });
    this.deps.announcements.send(change, now);
    return this.ticket(ticketId);
  }

  /** Releases a held course of an order by hand. */
  fire(orderId: number, course: number, actor: KdsActor): { released: number } {
    const now = this.deps.clock.now();
    const change = new KitchenChange();
    const released = this.#atomic(() => {
      if (!this.deps.orders.get(orderId)) throw new KdsError('ORDER_NOT_FOUND', `no order ${orderId}`);
      const count = this.deps.kitchen.fireCourse(orderId, course, now, change);
      this.deps.store.recordAction({
        ticketId: null,
        orderId,
        action: 'fire',
        actor,
        at: now,
        detail: { course },
      });
      return count;
    });
    this.deps.announcements.send(change, now);
    return { released };
  }

  /** What is on a station right now, per item: fired and waiting. */
  allDay(station: string): AllDayCount[] {
    this.#station(station);
    const now = this.deps.clock.now();
    const counts = new Map<string, AllDayCount>();
    for (const ticket of this.deps.store.openTickets(station)) {
      for (const line of this.deps.store.linesOfTicket(ticket.id)) {
        const state = lineState(line, now);
        if (state !== 'cooking' && state !== 'pending') continue;
        const count = counts.get(line.item) ?? { item: line.item, cooking: 0, pending: 0 };
        count[state === 'cooking' ? 'cooking' : 'pending'] += line.qty;
        counts.set(line.item, count);
      }
    }
    return [...counts.values()].sort((a, b) => b.cooking + b.pending - (a.cooking + a.pending));
  }

  #station(station: string) {
    const found = this.deps.settings().kitchen.stations.find((s) => s.id === station);
    if (!found) {
      const known = this.deps.settings().kitchen.stations.map((s) => s.id);
      throw new KdsError('STATION_UNKNOWN', `no station "${station}"; known: ${known.join(', ') || 'none'}`);
    }
    return found;
  }

  /** Sequential chaining: what is bumped here appears at the station that follows. */
  #chain(ticket: KdsTicketRow, lines: KdsLineRow[], now: number, change: KitchenChange): void {
    const next = this.deps.settings().kitchen.stations.find((s) => s.id === ticket.station)?.next;
    const carried = lines.filter((l) => !l.voided && l.qty > 0);
    if (!next || carried.length === 0) return;
    const chainedId = this.deps.store.insertTicket({
      orderId: ticket.orderId,
      station: next,
      kind: 'chained',
      version: ticket.version,
      businessDate: ticket.businessDate,
      createdAt: now,
      chainedFrom: ticket.id,
    });
    for (const line of carried) {
      this.deps.store.insertLine({
        ticketId: chainedId,
        orderId: line.orderId,
        key: line.key,
        item: line.item,
        qty: line.qty,
        course: line.course,
        prepS: line.prepS,
        firesAt: now,
        detail: line.detail,
      });
    }
    change.opened = true;
    change.ticketsOpened.push(chainedId);
    change.touch(next, chainedId);
  }

  #announceBump(ticket: KdsTicketRow, now: number): void {
    const order = this.deps.orders.get(ticket.orderId);
    this.deps.outbox.append({
      type: 'kds.bumped',
      entityId: ticket.id,
      ts: now,
      payload: {
        ticketId: ticket.id,
        station: ticket.station,
        kind: ticket.kind,
        channel: order?.channel,
        businessDate: ticket.businessDate,
        createdAt: ticket.createdAt,
        bumpedAt: now,
        ticketTimeS: Math.round((now - ticket.createdAt) / 1000),
      },
    });
  }

  /** Expo's readiness follows every prep station: tell expo screens when a line moves. */
  #touchExpo(lines: KdsLineRow[], change: KitchenChange): void {
    const expo = expoStationsOf(this.deps.settings().kitchen);
    if (expo.size === 0) return;
    for (const orderId of new Set(lines.map((l) => l.orderId))) {
      for (const ticket of this.deps.store.ticketsOfOrder(orderId)) {
        if (expo.has(ticket.station) && ticket.bumpedAt === null) change.touch(ticket.station, ticket.id);
      }
    }
  }
}
