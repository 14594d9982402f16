import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { DowntimeCostEvent, type DowntimeCostReport } from '../../../../shared/api/downtime';
import type { OrderLine } from '../../../../shared/api/orders';
import type { StoreConfig } from '../../../../shared/config/store-config';
import { loadStoreConfig } from '../../../../shared/server/config/load-store-config';
import type { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { type Database, openDatabase } from '../../../store/database';
import { OrderStore } from '../../orders/order-store';
import { AvailabilityService } from '../availability-service';
import { DowntimeService } from '../downtime-service';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const WEEK = 7 * 24 * HOUR;
/** Monday 7 December 2026, 12:00 in Shanghai (the demo store's zone). */
export const MON_NOON = Date.UTC(2026, 11, 7, 4, 0);

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-downtime-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real SQLite file in a temp dir of its own, closed and removed when the test ends. */
export function database(dir = tempDir()): Database {
  const db = openDatabase(dir);
  onTestFinished(() => {
    if (db.open) db.close();
  });
  return db;
}

/** Seeds one order per call, stored as the orders room stores it. */
export function seller(db: Database) {
  const orders = new OrderStore(db);
  let n = 0;
  return (placedAt: number, lines: [string, number][], status: 'closed' | 'voided' = 'closed') => {
    n += 1;
    const orderLines: OrderLine[] = lines.map(([item, qty], i) => ({
      lineId: `l${i}`,
      item,
      qty,
      modifiers: [],
    }));
    orders.insert(
      {
        source: 'test-pos',
        externalId: `o${n}`,
        client: 'pos-demo',
        version: 1,
        channel: 'dine_in',
        status,
        placedAt,
        businessDate: '2026-12-07',
        order: { externalId: `o${n}`, version: 1, channel: 'dine_in', placedAt, status, lines: orderLines },
      },
      placedAt,
    );
  };
}

/**
 * Eight weeks of Mondays: 10 fries an hour from 12:00 in six of them (two closed at
 * noon), 6 an hour from 13:00 in four and only burgers in a fifth; a voided order, combo
 * lines and a sale nine weeks back that must not count.
 */
export function seedMondays(db: Database): void {
  const sell = seller(db);
  sell(MON_NOON - 9 * WEEK + 30 * MIN, [['fries', 1000]]);
  for (let k = 1; k <= 8; k++) {
    const noon = MON_NOON - k * WEEK;
    if (k <= 6) {
      sell(noon + 10 * MIN, [['fries', 4]]);
      sell(noon + 40 * MIN, [
        ['fries', 6],
        ['combo', 1],
      ]);
    }
    if (k <= 4) sell(noon + HOUR + 5 * MIN, [['fries', 6]]);
    if (k === 5) sell(noon + HOUR + 5 * MIN, [['burger', 2]]);
  }
  sell(MON_NOON - WEEK + 30 * MIN, [['fries', 100]], 'voided');
}

/** The demo store with two fryers; fries sell at 11.00 CNY, the combo at 32.00. */
export function twoFryers(): StoreConfig {
  const config = loadStoreConfig(
    fileURLToPath(new URL('../../../../config/demo-store.yaml', import.meta.url)),
  );
  return { ...config, equipment: config.equipment.filter((e) => e.id !== 'fryer-3') };
}

/** 12:20 on a Monday in Shanghai: 40 minutes of the noon hour left. */
export const START = MON_NOON + 20 * MIN;
const NO_ALARMS = { active: () => [], onChange: () => () => {} };

/** Availability and downtime wired as the edge wires them, over a real SQLite file. */
export function edge(opts: {
  db: Database;
  clock: FakeClock;
  config?: StoreConfig;
  alarms?: ConstructorParameters<typeof AvailabilityService>[0]['alarms'];
}) {
  const config = opts.config ?? twoFryers();
  const { db, clock } = opts;
  const downtime = new DowntimeService({
    db,
    clock,
    logger: silentLogger(),
    storeId: config.store.id,
    settings: () => ({
      menu: config.kitchen.menu,
      equipment: config.equipment,
      currency: config.stock.currency,
      timeZone: config.store.timezone,
    }),
  });
  const availability = new AvailabilityService({
    db,
    clock,
    logger: silentLogger(),
    storeId: config.store.id,
    settings: () => ({ kitchen: config.kitchen, equipment: config.equipment, webhooks: [] }),
    alarms: opts.alarms ?? NO_ALARMS,
    onItemsChanged: (changes, at) => downtime.itemsChanged(changes, at),
  });
  downtime.start();
  availability.start();
  const stop = () => {
    availability.stop();
    downtime.stop();
  };
  onTestFinished(stop);
  /** A repair report that takes the unit out of service, as a manager files it. */
  const outOfService = (equipmentId: string): number => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO tickets (equipment_id, fault, source, title, severity, status, opened_at, opened_by, updated_at, out_of_service)
           VALUES (?, 'manual:not_heating', 'manual', '{"en":"x","zh-CN":"x"}', 'critical', 'open', ?, 'mgr-li', ?, 1)`,
        )
        .run(equipmentId, clock.now(), clock.now()).lastInsertRowid,
    );
    availability.recompute();
    return id;
  };
  const verified = (ticketId: number) => {
    db.prepare("UPDATE tickets SET status = 'verified' WHERE id = ?").run(ticketId);
    availability.recompute();
  };
  const episodes = (item: string) =>
    db.prepare('SELECT * FROM downtime_episodes WHERE item = ? ORDER BY id').all(item) as {
      started_at: number;
      ended_at: number | null;
      amount_minor: number | null;
    }[];
  const events = () =>
    (
      db.prepare("SELECT payload FROM outbox WHERE type = 'downtime.cost' ORDER BY seq").all() as {
        payload: string;
      }[]
    ).map((r) => DowntimeCostEvent.parse(JSON.parse(r.payload)));
  const lineOf = (report: DowntimeCostReport | undefined, item: string) =>
    report?.lines.find((l) => l.item === item);
  return { db, clock, downtime, availability, outOfService, verified, episodes, events, lineOf, stop };
}
