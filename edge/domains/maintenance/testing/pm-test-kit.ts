import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { PmPlan } from '../../../../shared/config/maintenance';
import { StoreConfig } from '../../../../shared/config/store-config';
import type { ReadingValue } from '../../../../shared/device-messages';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { hashSecret } from '../../../../shared/server/secret-hash';
import { EventBus } from '../../../runtime/event-bus';
import { type Database, openDatabase } from '../../../store/database';
import { MaintenanceService } from '../maintenance-service';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const STAFF_PIN = '4321';
const label = (en: string) => ({ en, 'zh-CN': en });

/** A small kitchen (cooler, fryer, dishwasher) with the PM plans a test supplies. */
export function storeWithPlans(
  plans: PlanInput[],
  extra: { escalateToCentralAfterH?: number } = {},
): StoreConfig {
  return StoreConfig.parse({
    store: { id: 'pm-store', name: 'PM test', region: 'test', timezone: 'Asia/Shanghai' },
    equipmentTypes: {
      walk_in_cooler: {
        label: label('Cooler'),
        metrics: { temp_c: { unit: '°C' }, compressor_on: { kind: 'boolean' } },
        rules: [],
      },
      fryer: {
        label: label('Fryer'),
        metrics: { oil_temp_c: { unit: '°C' }, heating_on: { kind: 'boolean' }, oil_life_pct: { unit: '%' } },
        rules: [],
      },
      dishwasher: {
        label: label('Dishwasher'),
        metrics: { rinse_temp_c: { unit: '°C' }, running: { kind: 'boolean' }, cycle_count: {} },
        rules: [],
      },
    },
    equipment: [
      { id: 'wic-1', type: 'walk_in_cooler', station: 'cold', name: label('Walk-in') },
      { id: 'fryer-1', type: 'fryer', station: 'fry', name: label('Fryer 1') },
      { id: 'dish-1', type: 'dishwasher', station: 'wash', name: label('Dishwasher') },
    ],
    users: [
      { id: 'sam', name: 'Sam', role: 'staff', pinHash: hashSecret(STAFF_PIN, 'scrypt') },
      { id: 'mia', name: 'Mia', role: 'manager', pinHash: hashSecret('9999', 'scrypt') },
    ],
    maintenance: { plans, ...extra },
  });
}

type PlanInput = z.input<typeof PmPlan>;

/** The maintenance service on a real SQLite file with a fake clock; `restart()` keeps the file. */
export function pmRig(config: StoreConfig) {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  let db: Database = openDatabase(dir);
  db.pragma('synchronous = OFF');
  const clock = new FakeClock();
  const bus = new EventBus();
  const make = () =>
    new MaintenanceService({ db, clock, logger: silentLogger(), storeId: config.store.id, bus, config });
  let pm = make();
  pm.start();
  const rig = {
    clock,
    bus,
    get db() {
      return db;
    },
    get pm() {
      return pm;
    },
    /** Readings every `everyMs` for `forMs` of store time, as the ingest would announce them. */
    feed(
      equipmentId: string,
      forMs: number,
      everyMs: number,
      readings: (elapsedMs: number) => Record<string, ReadingValue>,
    ) {
      const start = clock.now();
      for (let elapsed = everyMs; elapsed <= forMs; elapsed += everyMs) {
        clock.advanceTo(start + elapsed);
        bus.emit('readingsCommitted', [{ equipmentId, ts: clock.now(), readings: readings(elapsed) }]);
      }
    },
    restart() {
      pm.stop();
      db.close();
      db = openDatabase(dir);
      pm = make();
      pm.start();
    },
    outbox(type: string) {
      return db
        .prepare<[string], { entity_id: string; payload: string; ts: number }>(
          'SELECT entity_id, payload, ts FROM outbox WHERE type = ? ORDER BY seq',
        )
        .all(type)
        .map((r) => ({
          entityId: r.entity_id,
          ts: r.ts,
          payload: JSON.parse(r.payload) as Record<string, unknown>,
        }));
    },
    stop() {
      pm.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

export const TECH = { id: 'tom', role: 'technician' } as const;
export const MANAGER = { id: 'mia', role: 'manager' } as const;
export const STAFF = { id: 'sam', role: 'staff' } as const;
