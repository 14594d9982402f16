import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { EquipmentAlarmsMessage } from '../../../../shared/api/alarms';
import { AlarmSettings } from '../../../../shared/config/rules';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { ReadingValue } from '../../../../shared/device-messages';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { EventBus } from '../../../runtime/event-bus';
import { type Database, openDatabase } from '../../../store/database';
import { RuleEngine } from '../../rules/rule-engine';
import { play } from '../../rules/testing/rule-test-kit';
import { AlarmService } from '../alarm-service';

const SEC = 1000;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The rule engine feeding the alarm service over a real SQLite file, on a fake clock,
 * with every publish kept; stopped and removed when the test ends.
 */
export function alarmSystem(opts: { config: StoreConfig; dir?: string; clock?: FakeClock }) {
  const dir = opts.dir ?? tempDir();
  const db = openDatabase(dir);
  const clock = opts.clock ?? new FakeClock();
  const bus = new EventBus();
  const published: { topic: string; payload: string; retain: boolean }[] = [];
  const alarms = new AlarmService({
    db,
    clock,
    logger: silentLogger(),
    storeId: 'test-store',
    settings: AlarmSettings.parse(undefined),
    publish: (topic, payload, { retain }) => published.push({ topic, payload, retain }),
  });
  const engine = new RuleEngine(
    {
      bus,
      clock,
      logger: silentLogger(),
      sink: alarms.handleTransition,
      activeAlarms: () => alarms.activeKeys(),
    },
    opts.config,
  );
  alarms.start();
  engine.start();
  const stop = () => {
    engine.stop();
    alarms.stop();
    db.close();
  };
  onTestFinished(() => {
    if (db.open) stop();
  });
  /** The cooler wic-1 reporting `temp_c` every 10 s for `ms`. */
  const cooler = (ms: number, temp: number | ((elapsedMs: number) => ReadingValue)) =>
    play(clock, bus, 'wic-1', ms, 10 * SEC, (t) => ({ temp_c: typeof temp === 'number' ? temp : temp(t) }));
  const messages = () => published.map((p) => EquipmentAlarmsMessage.parse(JSON.parse(p.payload)));
  const outboxTypes = () =>
    (db.prepare('SELECT type FROM outbox ORDER BY seq').all() as { type: string }[]).map((r) => r.type);
  return { dir, db, clock, bus, alarms, engine, published, cooler, messages, outboxTypes, stop };
}

export const countRows = (db: Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
