import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KdsChangeMessage, KdsTicketView } from '../../../../shared/api/kds';
import type { OrderLine, PosOrderSubmission } from '../../../../shared/api/orders';
import type { KitchenSettings } from '../../../../shared/config/kitchen';
import { loadStoreConfig } from '../../../../shared/server/config/load-store-config';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { openDatabase } from '../../../store/database';
import { OrdersRoom } from '../orders-room';

const DEMO_CONFIG = fileURLToPath(new URL('../../../../config/demo-store.yaml', import.meta.url));

export interface OrdersKit {
  room: OrdersRoom;
  clock: FakeClock;
  /** every station change announced, in order */
  announced: KdsChangeMessage[];
  kitchen: KitchenSettings;
  /** open tickets of a station */
  open(station: string): KdsTicketView[];
  /** the open quantity per line key of an order at a station, over all its tickets */
  openQty(station: string, externalId: string): Record<string, number>;
  close(): void;
}

/** The orders room over a real SQLite file in a temp dir, with the demo store's kitchen and a fake clock. */
export function ordersKit(kitchen?: (demo: KitchenSettings) => KitchenSettings): OrdersKit {
  const config = loadStoreConfig(DEMO_CONFIG);
  const settings = kitchen ? kitchen(config.kitchen) : config.kitchen;
  const dir = mkdtempSync(join(tmpdir(), 'galley-orders-'));
  const db = openDatabase(dir);
  const clock = new FakeClock(Date.UTC(2026, 11, 7, 4, 0, 0));
  const announced: KdsChangeMessage[] = [];
  const room = new OrdersRoom({
    db,
    clock,
    logger: silentLogger(),
    storeId: config.store.id,
    settings: () => ({ kitchen: settings, timezone: config.store.timezone }),
    publish: (_topic, payload) => announced.push(JSON.parse(payload) as KdsChangeMessage),
  });
  const open = (station: string) => room.kds.tickets(station, 'open');
  return {
    room,
    clock,
    announced,
    kitchen: settings,
    open,
    openQty(station, externalId) {
      const qty: Record<string, number> = {};
      for (const ticket of room.kds.tickets(station, 'all')) {
        for (const line of ticket.lines) {
          const owner = line.movedTo ?? ticket.orderExternalId;
          if (owner !== externalId) continue;
          qty[line.lineId] = (qty[line.lineId] ?? 0) + line.qty;
        }
      }
      return qty;
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let eventSeq = 0;

/** A canonical order event; every call a fresh event id unless one is given. */
export function orderEvent(
  externalId: string,
  version: number,
  lines: Array<Partial<OrderLine> & Pick<OrderLine, 'lineId' | 'item' | 'qty'>>,
  more: Partial<PosOrderSubmission['order']> & { eventId?: string; source?: string } = {},
): PosOrderSubmission {
  const { eventId, source, ...order } = more;
  eventSeq += 1;
  return {
    source: source ?? 'test-pos',
    eventId: eventId ?? `evt-${externalId}-${version}-${eventSeq}`,
    order: {
      externalId,
      version,
      channel: 'dine_in',
      placedAt: Date.UTC(2026, 11, 7, 4, 0, 0),
      status: 'open',
      ...order,
      lines: lines.map((l) => ({ modifiers: [], ...l })),
    },
  };
}
