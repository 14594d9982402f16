import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { ReadingValue } from '../../../../shared/device-messages';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { EventBus } from '../../../runtime/event-bus';
import { type Database, openDatabase } from '../../../store/database';
import { AlarmService } from '../../alarms/alarm-service';
import { RuleEngine } from '../../rules/rule-engine';
import { play } from '../../rules/testing/rule-test-kit';
import type { TicketPublishFn } from '../ticket-announcements';
import { TicketService } from '../ticket-service';

/**
 * The whole fault chain on a real SQLite file: rule engine → alarms → tickets, with
 * readings also rolled up per minute as the ingest would, for telemetry snapshots.
 * `publish` receives the ticket announcements.
 */
export function faultChain(config: StoreConfig, options: { publish?: TicketPublishFn } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const db = openDatabase(dir);
  // Durability is not under test here; an fsync per simulated reading would make hours of store time slow.
  db.pragma('synchronous = OFF');
  const clock = new FakeClock();
  const bus = new EventBus();
  const logger = silentLogger();
  const alarms = new AlarmService({ db, clock, logger, storeId: config.store.id, settings: config.alarms });
  const engine = new RuleEngine(
    { bus, clock, logger, sink: alarms.handleTransition, activeAlarms: () => alarms.activeKeys() },
    config,
  );
  const tickets = new TicketService({
    db,
    clock,
    logger,
    storeId: config.store.id,
    alarms,
    config,
    publish: options.publish,
  });
  alarms.start();
  tickets.start();
  engine.start();
  const rollup = db.prepare(
    `INSERT INTO rollups_1m (equipment_id, metric, bucket_ts, min, max, sum, count, last, last_ts)
     VALUES (@e, @m, @b, @v, @v, @v, 1, @v, @ts)
     ON CONFLICT (equipment_id, metric, bucket_ts) DO UPDATE SET min = min(min, @v), max = max(max, @v),
       sum = sum + @v, count = count + 1, last = @v, last_ts = @ts`,
  );
  const feed = (equipmentId: string, forMs: number, readings: (t: number) => Record<string, ReadingValue>) =>
    play(clock, bus, equipmentId, forMs, 10_000, (t) => {
      const values = readings(t);
      const ts = clock.now();
      for (const [m, value] of Object.entries(values)) {
        const v = typeof value === 'boolean' ? Number(value) : value;
        rollup.run({ e: equipmentId, m, b: Math.floor(ts / 60_000) * 60_000, v, ts });
      }
      return values;
    });
  const stop = () => {
    engine.stop();
    tickets.stop();
    alarms.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, clock, bus, alarms, engine, tickets, feed, stop };
}

export const countRows = (db: Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;
