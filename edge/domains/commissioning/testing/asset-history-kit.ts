import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UsedPart } from '../../../../shared/api/tickets';
import { StoreConfig, type StoreConfigInput } from '../../../../shared/config/store-config';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { type Database, openDatabase } from '../../../store/database';
import { AlarmService } from '../../alarms/alarm-service';
import { PartsService } from '../../parts/parts-service';
import { TicketQuoteStore } from '../../predictive/ticket-quote-store';
import type { TicketActor } from '../../tickets/ticket-lifecycle';
import { TicketService } from '../../tickets/ticket-service';

export const DAY_MS = 86_400_000;
/** The moved walk-in's nameplate serial. */
export const MOVED_SERIAL = 'TRUE-GDM49-8812345';
/** 9.00 Julian years (365.25 days) after the install date 2016-06-01: the issue 19 case. */
export const EVALUATED_AT = Date.UTC(2016, 5, 1) + 9 * 365.25 * DAY_MS;
export const TECH: TicketActor = { id: 'tech-wang', role: 'technician' };
export const MANAGER: TicketActor = { id: 'mgr-li', role: 'manager' };

/**
 * A store config (as its file holds it) with one walk-in cooler carrying the issue 19
 * asset register: installed 2016-06-01, 12 years expected, ¥42 000 to replace.
 */
export function movingStoreInput(
  storeId: string,
  equipmentId: string,
  serial = MOVED_SERIAL,
  installDate = '2016-06-01',
): StoreConfigInput {
  const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
  return {
    store: { id: storeId, name: storeId, region: 'east', timezone: 'Asia/Shanghai' },
    equipmentTypes: {
      walk_in_cooler: {
        label: label('Walk-in cooler', '冷藏库'),
        reportIntervalS: 10,
        metrics: { temp_c: { unit: '°C' }, compressor_on: { kind: 'boolean' } },
        rules: [],
      },
    },
    equipment: [
      {
        id: equipmentId,
        type: 'walk_in_cooler',
        station: 'cold',
        name: label('Walk-in', '冷藏库'),
        asset: { serial, installDate, expectedLifeYears: 12, replacementPrice: '42000.00' },
      },
    ],
    parts: [
      {
        partNumber: 'FAN-12',
        name: 'Evaporator fan motor',
        reorderPoint: 0,
        reorderQuantity: 1,
        initialStock: 10,
      },
    ],
  };
}

/** One store's box for a test: its real SQLite file in a temp dir, tickets, parts and quotes. */
export class StoreBox {
  readonly dir: string;
  readonly config: StoreConfig;
  readonly clock: FakeClock;
  readonly db: Database;
  readonly tickets: TicketService;
  readonly quotes: TicketQuoteStore;
  readonly #parts: PartsService;

  constructor(
    input: StoreConfigInput,
    start: number,
    dir = mkdtempSync(join(tmpdir(), 'galley-asset-box-')),
  ) {
    this.dir = dir;
    this.config = StoreConfig.parse(input);
    this.clock = new FakeClock(start);
    this.db = openDatabase(dir);
    const logger = silentLogger();
    const storeId = this.config.store.id;
    const alarms = new AlarmService({
      db: this.db,
      clock: this.clock,
      logger,
      storeId,
      settings: this.config.alarms,
    });
    this.tickets = new TicketService({
      db: this.db,
      clock: this.clock,
      logger,
      storeId,
      alarms,
      config: this.config,
    });
    this.#parts = new PartsService({
      db: this.db,
      clock: this.clock,
      logger,
      storeId,
      config: this.config,
      tickets: this.tickets,
    });
    this.tickets.start();
    this.#parts.start();
    this.quotes = new TicketQuoteStore(this.db);
  }

  /** A repair reported, quoted and, unless `resolve` is false, carried through to verified. */
  repair(equipmentId: string, fault: string, quote?: string, resolve = true, parts: UsedPart[] = []): number {
    const { ticket } = this.tickets.report({ equipmentId, fault, category: 'other' }, TECH);
    if (quote) this.quotes.add(ticket.id, quote, undefined, this.clock.now(), TECH.id);
    if (!resolve) return ticket.id;
    this.tickets.transition(ticket.id, { to: 'acknowledged' }, TECH);
    this.tickets.transition(ticket.id, { to: 'in_progress' }, TECH);
    this.tickets.transition(ticket.id, { to: 'resolved', resolutionCode: 'repaired', parts }, TECH);
    this.tickets.transition(ticket.id, { to: 'verified' }, MANAGER);
    return ticket.id;
  }

  /** Stops the services and closes the database; the files stay for another process. */
  close(): void {
    this.#parts.stop();
    this.tickets.stop();
    this.db.close();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
