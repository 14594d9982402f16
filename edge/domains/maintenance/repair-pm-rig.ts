import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { ReadingValue } from '../../../shared/device-messages';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { EventBus } from '../../runtime/event-bus';
import { type Database, openDatabase } from '../../store/database';
import { AlarmService } from '../alarms/alarm-service';
import { TicketService } from '../tickets/ticket-service';
import { MaintenanceService } from './maintenance-service';

/**
 * Repair tickets and preventive maintenance on one real SQLite file, wired as the edge
 * wires them (maintenance follows ticket transitions), with a fake clock.
 * `restartMaintenance()` builds a fresh maintenance service on the same file.
 */
export function repairPmRig(config: StoreConfig) {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const db: Database = openDatabase(dir);
  db.pragma('synchronous = OFF');
  const clock = new FakeClock();
  const bus = new EventBus();
  const logger = silentLogger();
  const storeId = config.store.id;
  const alarms = new AlarmService({ db, clock, logger, storeId, settings: config.alarms });
  const tickets = new TicketService({ db, clock, logger, storeId, alarms, config });
  const make = () => new MaintenanceService({ db, clock, logger, storeId, bus, config, tickets });
  let pm = make();
  // Alarms are only read here (no rules run); their sweep timer would only slow months of fake time.
  tickets.start();
  pm.start();
  return {
    db,
    clock,
    bus,
    tickets,
    get pm() {
      return pm;
    },
    /** Readings every `everyMs` for `forMs` of store time, as the ingest would announce them. */
    feed(equipmentId: string, forMs: number, everyMs: number, readings: () => Record<string, ReadingValue>) {
      const start = clock.now();
      for (let elapsed = everyMs; elapsed <= forMs; elapsed += everyMs) {
        clock.advanceTo(start + elapsed);
        bus.emit('readingsCommitted', [{ equipmentId, ts: clock.now(), readings: readings() }]);
      }
    },
    restartMaintenance() {
      pm.stop();
      pm = make();
      pm.start();
    },
    outbox(type: string) {
      return db
        .prepare<[string], { entity_id: string; payload: string; priority: number }>(
          'SELECT entity_id, payload, priority FROM outbox WHERE type = ? ORDER BY seq',
        )
        .all(type)
        .map((r) => ({
          entityId: r.entity_id,
          priority: r.priority,
          payload: JSON.parse(r.payload) as Record<string, unknown>,
        }));
    },
    meter(equipmentId: string, meter: string): number | undefined {
      return pm.forEquipment(equipmentId).meters.find((m) => m.meter === meter)?.value;
    },
    stop() {
      pm.stop();
      tickets.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
