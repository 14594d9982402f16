import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { ReadingValue } from '../../../../shared/device-messages';
import type { TelemetryRow } from '../../../../shared/predictive/telemetry-row';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { EventBus } from '../../../runtime/event-bus';
import { atomic } from '../../../store/atomic';
import { type Database, openDatabase } from '../../../store/database';
import { ReadingsStore } from '../../../store/readings-store';
import { AlarmService } from '../../alarms/alarm-service';
import { TicketService } from '../../tickets/ticket-service';
import { PredictiveService } from '../predictive-service';

/** Something that reports rows up to a time, as the degradation simulators do. */
export interface RowSource {
  runUntil(untilMs: number, onRow: (row: TelemetryRow) => void): void;
}

/**
 * Predictive maintenance on one real SQLite file, wired as the edge wires it (tickets
 * with their alarms, the event bus), with a fake clock. `play` turns a simulator's rows
 * into committed messages: optionally stored in `series_readings` as the ingest stores
 * them, then announced on `readingsCommitted` at their own time.
 */
export function predictiveRig(config: StoreConfig, startMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'galley-predictive-'));
  const db: Database = openDatabase(dir);
  // Durability is not under test; an fsync per simulated hour would only slow weeks of store time.
  db.pragma('synchronous = OFF');
  const clock = new FakeClock(startMs);
  const bus = new EventBus();
  const logger = silentLogger();
  const storeId = config.store.id;
  const alarms = new AlarmService({ db, clock, logger, storeId, settings: config.alarms });
  const tickets = new TicketService({ db, clock, logger, storeId, alarms, config });
  const readings = new ReadingsStore(db, config);
  const inTransaction = atomic(db);
  const make = () => new PredictiveService({ db, clock, logger, bus, storeId, config, tickets });
  let predictive = make();
  tickets.start();

  /** Plays the source's rows up to `untilMs`; `onRow` sees each row (e.g. to watch the temperature). */
  function play(
    equipmentId: string,
    source: RowSource,
    untilMs: number,
    options: { store?: boolean; onRow?: (row: TelemetryRow) => void } = {},
  ): void {
    let ts = Number.NaN;
    let message: Record<string, ReadingValue> = {};
    let batch: { equipmentId: string; ts: number; readings: Record<string, ReadingValue> }[] = [];
    const flushBatch = () => {
      if (!batch.length) return;
      const committed = batch;
      batch = [];
      if (options.store)
        inTransaction(() => {
          for (const m of committed) readings.write(m.equipmentId, m.ts, m.readings);
        });
      clock.advanceTo(committed.at(-1)?.ts ?? clock.now());
      bus.emit('readingsCommitted', committed);
    };
    const endMessage = () => {
      if (Number.isNaN(ts)) return;
      batch.push({ equipmentId, ts, readings: message });
      // The ingest commits in groups: a minute of one unit's messages per commit here.
      if (batch.length >= 6) flushBatch();
    };
    source.runUntil(untilMs, (row) => {
      options.onRow?.(row);
      if (row.ts !== ts) {
        endMessage();
        ts = row.ts;
        message = {};
      }
      message[row.metric] = row.value;
    });
    endMessage();
    flushBatch();
    clock.advanceTo(Math.max(clock.now(), untilMs));
  }

  return {
    db,
    clock,
    bus,
    tickets,
    get predictive() {
      return predictive;
    },
    play,
    /** The predictive service stops and a fresh one starts on the same file, as after a reboot. */
    async restartPredictive() {
      predictive.stop();
      predictive = make();
      await predictive.start();
    },
    predictiveTickets() {
      return tickets.list({ status: 'all', limit: 1000 }).filter((t) => t.kind === 'predictive');
    },
    outbox(type: string) {
      return db
        .prepare<[string], { payload: string }>('SELECT payload FROM outbox WHERE type = ? ORDER BY seq')
        .all(type)
        .map((r) => JSON.parse(r.payload) as Record<string, unknown>);
    },
    stop() {
      predictive.stop();
      tickets.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
