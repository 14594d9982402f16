import type { OrderLine, PosOrder, PosOrderReceipt, PosOrderSubmission } from '../../../shared/api/orders';
import type { StoreInfo } from '../../../shared/config/store-config';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import type { OutboxWriter } from '../../sync/outbox-writer';
import { businessDateOf } from './business-date';
import type { KdsAnnouncements } from './kds-announcements';
import { KitchenChange, type KitchenTickets } from './kitchen-tickets';
import type { IntakeOptions, OrderIntakePort } from './order-intake-port';
import type { OrderStore, StoredOrder } from './order-store';

export interface OrderIntakeDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  orders: OrderStore;
  kitchen: KitchenTickets;
  outbox: OutboxWriter;
  announcements: KdsAnnouncements;
  store: () => Pick<StoreInfo, 'timezone'> & { closeoutHour: number };
  stock?: StockDepletion | undefined;
}

/** The stock room's side of an order change (edge/domains/stock): ingredients used at intake, not at firing. */
export interface StockDepletion {
  depleteForOrderChange(change: {
    orderKey: string;
    businessDate: string;
    at: number;
    lines: StockLine[];
    previousLines: StockLine[] | undefined;
    status: PosOrder['status'];
  }): void;
}

interface StockLine {
  lineId: string;
  item: string;
  qty: number;
  modifiers: string[];
}

const toStockLine = (line: OrderLine): StockLine => ({
  lineId: line.lineId,
  item: line.item,
  qty: line.qty,
  modifiers: line.modifiers.map((m) => m.item),
});

/**
 * Every POS event comes in here, whatever carried it (HTTP, the POS topic, a connector):
 * exactly once per (client, source, eventId), the highest version of each order kept,
 * and the kitchen changed in the same transaction that stores the event, so an event
 * acknowledged is an event on its stations, and a redelivery changes nothing.
 *
 * Counting: every event is `received`; an exact redelivery, or a version already held,
 * is a `duplicate`; a version is `superseded` when a higher one replaces it or when it
 * arrives after a higher one. Six versions of one order shuffled, plus three
 * redeliveries, count 9 received, 3 duplicates and 5 superseded, in any arrival order.
 */
export class OrderIntake implements OrderIntakePort {
  readonly #atomic: Atomic;

  constructor(private readonly deps: OrderIntakeDeps) {
    this.#atomic = atomic(deps.db);
  }

  submit(client: string, submission: PosOrderSubmission, options: IntakeOptions = {}): PosOrderReceipt {
    const { orders, clock } = this.deps;
    const now = clock.now();
    const change = new KitchenChange();
    const receipt = this.#atomic((): PosOrderReceipt => {
      const { source, eventId, order } = submission;
      orders.count(client, source, 'received');
      const seen = orders.event(client, source, eventId);
      const existing = orders.find(source, order.externalId);
      if (seen) {
        orders.count(client, source, 'duplicates');
        return receiptOf(existing, 'duplicate', []);
      }
      if (existing && order.version <= existing.version) {
        const outcome = order.version === existing.version ? 'duplicate' : 'superseded';
        orders.count(client, source, outcome === 'duplicate' ? 'duplicates' : 'superseded');
        orders.recordEvent(
          { client, source, eventId, orderId: existing.id, version: order.version },
          outcome,
          now,
        );
        return receiptOf(existing, outcome, []);
      }
      const settings = this.deps.store();
      let stored: StoredOrder | undefined;
      if (existing) {
        orders.count(client, source, 'superseded');
        orders.replace(existing.id, client, order, now);
        stored = {
          ...existing,
          version: order.version,
          status: order.status,
          channel: order.channel,
          order,
          client,
        };
      } else {
        const businessDate = businessDateOf(order.placedAt, settings.timezone, settings.closeoutHour);
        const fresh = { source, externalId: order.externalId, client, version: order.version };
        const id = orders.insert(
          {
            ...fresh,
            channel: order.channel,
            status: order.status,
            placedAt: order.placedAt,
            businessDate,
            order,
          },
          now,
        );
        stored = orders.get(id);
        if (!stored) throw new Error(`order ${id} vanished inside its own transaction`);
      }
      orders.count(client, source, 'applied');
      orders.recordEvent(
        { client, source, eventId, orderId: stored.id, version: order.version },
        'applied',
        now,
      );
      const backfill =
        options.backfill === true ||
        (!existing &&
          order.status !== 'open' &&
          stored.businessDate < businessDateOf(now, settings.timezone, settings.closeoutHour));
      this.deps.kitchen.apply(stored, existing?.order, now, change, backfill);
      // A sale uses its ingredients whether or not the kitchen saw it (a backfill was sold too).
      this.deps.stock?.depleteForOrderChange({
        orderKey: `${source}:${order.externalId}`,
        businessDate: stored.businessDate,
        at: now,
        lines: order.lines.map(toStockLine),
        previousLines: existing?.order.lines.map(toStockLine),
        status: order.status,
      });
      this.deps.outbox.append({
        type: 'order.applied',
        entityId: `${source}:${order.externalId}`,
        ts: now,
        payload: {
          source,
          externalId: order.externalId,
          version: order.version,
          status: order.status,
          channel: order.channel,
          businessDate: stored.businessDate,
          placedAt: order.placedAt,
          lines: order.lines.length,
          portions: order.lines.reduce((sum, line) => sum + line.qty, 0),
          ticketsOpened: change.ticketsOpened.length,
        },
      });
      return receiptOf(stored, 'applied', change.ticketsOpened);
    });
    this.deps.announcements.send(change, now);
    return receipt;
  }

  refused(client: string, source: string | undefined, detail: string): void {
    this.deps.orders.count(client, source ?? '(unreadable)', 'refused');
    this.deps.logger.warn({ client, source }, `POS order refused: ${detail}`);
  }
}

function receiptOf(
  order: { id: number; version: number; businessDate: string } | undefined,
  outcome: PosOrderReceipt['outcome'],
  ticketsOpened: number[],
): PosOrderReceipt {
  return {
    duplicate: outcome === 'duplicate',
    outcome,
    orderId: order?.id ?? 0,
    version: order?.version ?? 0,
    businessDate: order?.businessDate ?? '',
    ticketsOpened,
  };
}
