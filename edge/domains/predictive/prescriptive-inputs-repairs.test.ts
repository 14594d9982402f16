import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UsedPart } from '../../../shared/api/tickets';
import { SparePart } from '../../../shared/config/parts';
import { PurchasingSettings } from '../../../shared/config/purchasing';
import type { StoreConfig } from '../../../shared/config/store-config';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { type Database, openDatabase } from '../../store/database';
import { AlarmService } from '../alarms/alarm-service';
import { DowntimeStore } from '../availability/downtime-store';
import { PartsService } from '../parts/parts-service';
import { storeWithRules } from '../rules/testing/rule-test-kit';
import type { TicketActor } from '../tickets/ticket-lifecycle';
import { TicketService } from '../tickets/ticket-service';
import { DowntimeCostReader } from './prescriptive-inputs-downtime';
import { RepairSpendReader } from './prescriptive-inputs-repairs';
import { TicketQuoteStore } from './ticket-quote-store';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6, 2);
const TECH: TicketActor = { id: 'tech-wang', role: 'technician' };
const MANAGER: TicketActor = { id: 'mgr-li', role: 'manager' };

function store(): StoreConfig {
  const config = storeWithRules({});
  return {
    ...config,
    parts: [
      SparePart.parse({
        partNumber: 'FAN-12',
        name: 'Evaporator fan motor',
        reorderPoint: 0,
        reorderQuantity: 1,
        initialStock: 10,
      }),
      SparePart.parse({
        partNumber: 'GASKET-1',
        name: 'Door gasket',
        reorderPoint: 0,
        reorderQuantity: 1,
        initialStock: 10,
      }),
    ],
    purchasing: PurchasingSettings.parse({
      suppliers: [
        {
          id: 'cold-parts',
          name: { en: 'Cold Parts', 'zh-CN': '冷链配件' },
          paymentTermsDays: 30,
          taxRatePct: '13',
          contact: { name: 'Zhou' },
          items: [{ kind: 'part', id: 'FAN-12', unit: 'each', unitPrice: '350.00' }],
        },
      ],
    }),
  };
}

describe('repair spend and downtime cost of the last 12 months, from real tickets and parts', () => {
  let dir: string | undefined;
  let db: Database | undefined;
  let stop: (() => void)[] = [];
  afterEach(() => {
    for (const s of stop) s();
    stop = [];
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('quotes of resolved tickets, parts at the price paid or listed, unpriced parts named, the open quote left out', () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-repair-spend-'));
    const database = openDatabase(dir);
    db = database;
    const config = store();
    const clock = new FakeClock(T0);
    const logger = silentLogger();
    const storeId = config.store.id;
    const alarms = new AlarmService({ db: database, clock, logger, storeId, settings: config.alarms });
    const tickets = new TicketService({ db: database, clock, logger, storeId, alarms, config });
    const parts = new PartsService({ db: database, clock, logger, storeId, config, tickets });
    tickets.start();
    parts.start();
    stop = [() => parts.stop(), () => tickets.stop()];
    const quotes = new TicketQuoteStore(database);

    const repair = (fault: string, used: UsedPart[], quote?: string, resolve = true): number => {
      const { ticket } = tickets.report({ equipmentId: 'wic-1', fault, category: 'other' }, TECH);
      if (quote) quotes.add(ticket.id, quote, undefined, clock.now(), TECH.id);
      if (!resolve) return ticket.id;
      tickets.transition(ticket.id, { to: 'acknowledged' }, TECH);
      tickets.transition(ticket.id, { to: 'in_progress' }, TECH);
      tickets.transition(ticket.id, { to: 'resolved', resolutionCode: 'repaired', parts: used }, TECH);
      tickets.transition(ticket.id, { to: 'verified' }, MANAGER);
      return ticket.id;
    };
    const fan = (quantity: number): UsedPart => ({
      name: 'Evaporator fan motor',
      partNumber: 'FAN-12',
      quantity,
    });

    repair('fan seized', [fan(1)]); // over a year before the evaluation: out of the window
    clock.advanceTo(T0 + 100 * DAY);
    repair('fan noisy', [fan(2)]); // 2 × ¥350 from the price list
    clock.advanceTo(T0 + 120 * DAY);
    repair('fan and relay', [fan(1)], '1200'); // its quote, the fan inside it
    clock.advanceTo(T0 + 130 * DAY);
    repair('door leaks', [{ name: 'Door gasket', partNumber: 'GASKET-1', quantity: 1 }]); // no price anywhere
    clock.advanceTo(T0 + 140 * DAY);
    const open = repair('compressor', [], '9000', false); // the repair at hand: not spend yet

    const reader = new RepairSpendReader(database, config.purchasing);
    const at = T0 + 400 * DAY;
    expect(reader.lastTwelveMonths('wic-1', at)).toEqual({
      total: '1900.00',
      quotedTickets: 1,
      pricedParts: 1,
      unpricedParts: ['GASKET-1'],
    });
    expect(quotes.openQuoteOfUnit('wic-1')).toMatchObject({ ticketId: open, amount: '9000.00' });
    expect(reader.lastTwelveMonths('wif-1', at).total).toBe('0.00');

    // Once the store has paid for the part, the price paid counts (per base unit: a 2-pack at ¥760).
    database
      .prepare(
        `INSERT INTO purchase_orders (id, supplier, supplier_json, state, created_at, created_by, placed_at, updated_at)
         VALUES (1, 'cold-parts', '{}', 'received', ?, 'mgr-li', ?, ?)`,
      )
      .run(T0 + 200 * DAY, T0 + 200 * DAY, T0 + 200 * DAY);
    database
      .prepare(
        `INSERT INTO purchase_order_lines (order_id, line, kind, item, name_json, unit, base_per_unit, qty,
           unit_price, tax_rate_pct, chilled)
         VALUES (1, 1, 'part', 'FAN-12', '{}', 'pack', '2', '1', '760.00', '13', 0)`,
      )
      .run();
    expect(reader.lastTwelveMonths('wic-1', at).total).toBe('1960.00');

    // No downtime recorded: zero, not unknown.
    const downtime = new DowntimeCostReader(database);
    expect(downtime.lastTwelveMonths('wic-1', at)).toBe('0.00');
    // Items 86'd while it was down: its shares of the priced episodes that ended in the window.
    const episodes = new DowntimeStore(database);
    for (const [item, endedAt, minor] of [
      ['fries', T0 + 10 * DAY, 99_900], // ended over a year before: out
      ['salad', T0 + 150 * DAY, 123_450],
      ['shake', T0 + 160 * DAY, 10_005],
    ] as const) {
      const id = episodes.open(item, 'wic-1', [{ equipmentId: 'wic-1', ticketId: open }], endedAt - DAY);
      episodes.close(id, {
        endedAt,
        currency: 'CNY',
        priceMinor: 3800,
        portionsMilli: 1000,
        amountMinor: minor,
        bases: [],
      });
      episodes.addShare(id, {
        equipmentId: 'wic-1',
        ticketId: open,
        alarmId: null,
        portionsMilli: 1000,
        amountMinor: minor,
      });
    }
    expect(downtime.lastTwelveMonths('wic-1', at)).toBe('1334.55');
    expect(downtime.lastTwelveMonths('wif-1', at)).toBe('0.00');
  });
});
