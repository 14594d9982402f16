import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { ReadingValue } from '../../../../shared/device-messages';
import { loadStoreConfig } from '../../../../shared/server/config/load-store-config';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { EventBus } from '../../../runtime/event-bus';
import { type Database, openDatabase } from '../../../store/database';
import type { Incident } from '../corrective-actions';
import { FoodSafetyService } from '../food-safety-service';
import { storeDay } from '../store-day';

export const DEMO_CONFIG_FILE = resolve(import.meta.dirname, '../../../../config/demo-store.yaml');

/** The demo store's config, parsed as the edge parses it. */
export function demoStoreConfig(): StoreConfig {
  return loadStoreConfig(DEMO_CONFIG_FILE);
}

export const DAY = '2026-01-05';

export type Readings = Record<string, ReadingValue>;

/** What each piece of equipment reports at a store-local minute of the day (0–1439 and on). */
export type Profile = (minuteOfDay: number) => Record<string, Readings>;

/**
 * A food-safety service over a real SQLite file in a temp dir, a fake clock starting at
 * the store's local midnight of DAY and the edge's event bus, fed as the ingest feeds it.
 */
export class FoodSafetyRig {
  readonly dir: string;
  readonly clock: FakeClock;
  readonly bus = new EventBus();
  readonly config: StoreConfig;
  readonly dayStart: number;
  db: Database;
  service: FoodSafetyService;
  incidentOf: ((equipmentId: string, at: number) => Incident) | undefined;

  constructor(options: { config?: StoreConfig; dir?: string; startAt?: number } = {}) {
    this.config = options.config ?? demoStoreConfig();
    this.dir = options.dir ?? mkdtempSync(join(tmpdir(), 'galley-fs-'));
    this.dayStart = storeDay(DAY, this.config.store.timezone).start;
    this.clock = new FakeClock(options.startAt ?? this.dayStart);
    this.db = this.#open();
    this.service = this.#service();
    this.service.start();
  }

  /** The edge's database, without an fsync per commit: a day of minutes is 1 440 commits. */
  #open(): Database {
    const db = openDatabase(this.dir);
    db.pragma('synchronous = NORMAL');
    return db;
  }

  #service(): FoodSafetyService {
    return new FoodSafetyService({
      db: this.db,
      clock: this.clock,
      logger: silentLogger(),
      bus: this.bus,
      storeId: this.config.store.id,
      config: this.config,
      incidentOf: (equipmentId, at) =>
        this.incidentOf?.(equipmentId, at) ?? { alarmId: null, ticketId: null },
    });
  }

  /** Stops the service and reopens the database, as a power cut and restart would. */
  restart(): void {
    this.service.stop();
    this.db.close();
    this.db = this.#open();
    this.service = this.#service();
    this.service.start();
  }

  /** Store-local minute of DAY → epoch ms. */
  at(minuteOfDay: number): number {
    return this.dayStart + minuteOfDay * 60_000;
  }

  /** Runs the clock to `untilMinute`, every device reporting every `everyS` as `profile` says. */
  run(untilMinute: number, profile: Profile, everyS = 20): void {
    const end = this.at(untilMinute);
    while (this.clock.now() < end) {
      const now = this.clock.now();
      const minute = Math.floor((now - this.dayStart) / 60_000);
      const batch = Object.entries(profile(minute)).map(([equipmentId, readings]) => ({
        equipmentId,
        ts: now,
        readings,
      }));
      if (batch.length > 0) this.bus.emit('readingsCommitted', batch);
      this.clock.advance(Math.min(everyS * 1000, end - now));
    }
  }

  close(): void {
    this.service.stop();
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
