import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EquipmentAlarmsMessage } from '../../../shared/api/alarms';
import type { RuleInput } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import type { Database } from '../../store/database';
import { MINUTE, storeWithRules } from '../rules/testing/rule-test-kit';
import { AlarmError } from './alarm-service';
import { alarmSystem } from './testing/alarm-system';

const SEC = 1000;
const text = (en: string) => ({ en, 'zh-CN': en });
const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: text('Cooler too warm'),
  hint: text('Check the door and the compressor'),
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 60 },
  clear: { op: '<', value: 4, forS: 60 },
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function system(opts: { dir?: string; clock?: FakeClock; config?: StoreConfig } = {}) {
  const running = alarmSystem({
    config: opts.config ?? storeWithRules({ cooler: [tooWarm] }),
    dir: opts.dir ?? tempDir(),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return {
    ...running,
    warm: (ms: number) => running.cooler(ms, 8),
    cold: (ms: number) => running.cooler(ms, 2),
  };
}

const count = (db: Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('alarm states', () => {
  it('active-unacked → active-acked → cleared-acked, with who and when', () => {
    const s = system();
    s.warm(2 * MINUTE);
    const [alarm] = s.alarms.list({ state: 'active', limit: 10 });
    expect(alarm).toMatchObject({ equipmentId: 'wic-1', rule: 'temp_high', severity: 'critical' });
    expect(alarm?.state).toBe('active_unacked');
    const acked = s.alarms.acknowledge(alarm!.id, 'staff-chen');
    expect(acked).toMatchObject({ state: 'active_acked', ackedBy: 'staff-chen', ackedAt: s.clock.now() });
    s.cold(2 * MINUTE);
    expect(s.alarms.get(alarm!.id)?.state).toBe('cleared_acked');
    expect(s.alarms.list({ state: 'active', limit: 10 })).toEqual([]);
  });

  it('active-unacked → cleared-unacked → cleared-acked; a second ack is refused', () => {
    const s = system();
    s.warm(2 * MINUTE);
    s.cold(2 * MINUTE);
    const [alarm] = s.alarms.list({ state: 'open', limit: 10 });
    expect(alarm?.state).toBe('cleared_unacked');
    expect(s.alarms.acknowledge(alarm!.id, 'mgr-li').state).toBe('cleared_acked');
    expect(() => s.alarms.acknowledge(alarm!.id, 'mgr-li')).toThrow(
      expect.objectContaining({ code: 'ALARM_ALREADY_ACKNOWLEDGED' }),
    );
    expect(() => s.alarms.acknowledge(9999, 'mgr-li')).toThrow(AlarmError);
    expect(s.alarms.list({ state: 'open', limit: 10 })).toEqual([]);
  });

  it('one active alarm per (equipment, rule), enforced by the database too', () => {
    const s = system();
    s.warm(30 * MINUTE);
    expect(count(s.db, 'alarms')).toBe(1);
    expect(() =>
      s.db
        .prepare(
          `INSERT INTO alarms (equipment_id, rule_key, rule_kind, severity, title, raised_at, last_notified_at, rule_json, updated_at)
           VALUES ('wic-1', 'temp_high', 'threshold', 'critical', '{}', 0, 0, '{}', 0)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('flapping: back within the flap window reopens the same alarm; later it is a new one', () => {
    const s = system();
    s.warm(2 * MINUTE);
    s.cold(2 * MINUTE);
    s.warm(2 * MINUTE);
    const all = s.alarms.list({ state: 'all', limit: 10 });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ state: 'active_unacked', raiseCount: 2 });
    s.cold(20 * MINUTE);
    s.warm(2 * MINUTE);
    expect(s.alarms.list({ state: 'all', limit: 10 }).map((a) => a.raiseCount)).toEqual([1, 2]);
  });

  it('unacknowledged critical alarms repeat every 5 min and escalate to manager, then central', () => {
    const s = system();
    s.warm(MINUTE + 10 * SEC);
    const alarm = s.alarms.list({ state: 'active', limit: 1 })[0]!;
    const id = alarm.id;
    const warmUntil = (sinceRaise: number) => s.warm(alarm.raisedAt + sinceRaise - s.clock.now());
    warmUntil(15 * MINUTE + 15 * SEC);
    expect(s.alarms.get(id)).toMatchObject({ notifyCount: 4, escalation: 'manager' });
    warmUntil(30 * MINUTE + 15 * SEC);
    expect(s.alarms.get(id)).toMatchObject({ notifyCount: 7, escalation: 'central' });
    s.alarms.acknowledge(id, 'mgr-li');
    s.warm(30 * MINUTE);
    expect(s.alarms.get(id)?.notifyCount).toBe(7);
    const types = s.db.prepare('SELECT type FROM outbox ORDER BY seq').all() as { type: string }[];
    expect(types.filter((t) => t.type === 'alarm.escalated')).toHaveLength(2);
  });

  it('publishes the equipment’s open alarms, retained, under the edge subtree', () => {
    const s = system();
    s.warm(2 * MINUTE);
    s.cold(2 * MINUTE);
    const id = s.alarms.list({ state: 'open', limit: 1 })[0]!.id;
    s.alarms.acknowledge(id, 'staff-chen');
    expect(s.published.map((p) => p.topic)).toEqual([
      'galley/test-store/_edge/alarms/wic-1',
      'galley/test-store/_edge/alarms/wic-1',
      'galley/test-store/_edge/alarms/wic-1',
    ]);
    expect(s.published.every((p) => p.retain)).toBe(true);
    const messages = s.published.map((p) => EquipmentAlarmsMessage.parse(JSON.parse(p.payload)));
    expect(messages.map((m) => [m.change.type, m.alarms.map((a) => a.state)])).toEqual([
      ['raised', ['active_unacked']],
      ['cleared', ['cleared_unacked']],
      ['acked', []],
    ]);
  });

  it('after a restart the persisted active alarm is cleared by its rule', () => {
    const clock = new FakeClock();
    const first = system({ clock });
    first.warm(2 * MINUTE);
    first.stop();
    const second = system({ dir: first.dir, clock });
    second.cold(2 * MINUTE);
    expect(second.alarms.list({ state: 'all', limit: 10 }).map((a) => a.state)).toEqual(['cleared_unacked']);
  });
});

describe('outbox', () => {
  it('every change appends one event with a growing sequence number', () => {
    const s = system();
    s.warm(2 * MINUTE);
    s.alarms.acknowledge(1, 'staff-chen');
    s.cold(2 * MINUTE);
    const rows = s.db
      .prepare('SELECT seq, type, entity_id, store_id, payload FROM outbox ORDER BY seq')
      .all() as {
      seq: number;
      type: string;
      entity_id: number;
      store_id: string;
      payload: string;
    }[];
    expect(rows.map((r) => r.type)).toEqual(['alarm.raised', 'alarm.acked', 'alarm.cleared']);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.every((r) => r.store_id === 'test-store' && r.entity_id === 1)).toBe(true);
    expect(JSON.parse(rows[2]!.payload)).toMatchObject({ id: 1, state: 'cleared_acked' });
  });

  it('a change whose outbox append fails is rolled back with it', () => {
    const s = system();
    const raisedAt = s.clock.now() + 70 * SEC;
    s.db.exec(
      `CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    s.warm(2 * MINUTE);
    expect(s.engine.stats.sinkErrors).toBeGreaterThan(0);
    expect(count(s.db, 'alarms')).toBe(0);
    expect(count(s.db, 'outbox')).toBe(0);
    expect(s.published).toEqual([]);
    s.db.exec('DROP TRIGGER outbox_full');
    // Not lost: the refused raise is retried with the next reading, keeping its time.
    s.warm(10 * SEC);
    expect(count(s.db, 'outbox')).toBe(1);
    expect(s.alarms.list({ state: 'active', limit: 5 }).map((a) => a.raisedAt)).toEqual([raisedAt]);
  });
});

describe('handlers that commit with the change', () => {
  it('see the alarm inside its transaction; one that throws loses only its own writes', () => {
    const s = system();
    s.db.exec('CREATE TABLE side_effects (alarm_id INTEGER, note TEXT)');
    const write = s.db.prepare('INSERT INTO side_effects (alarm_id, note) VALUES (?, ?)');
    s.alarms.onChangeCommitting((change) => {
      expect(s.db.inTransaction).toBe(true);
      write.run(change.alarm.id, `kept ${change.type}`);
    });
    s.alarms.onChangeCommitting((change) => {
      write.run(change.alarm.id, 'rolled back');
      throw new Error(`handler broke on ${change.type}`);
    });
    s.warm(2 * MINUTE);
    s.cold(2 * MINUTE);
    const [alarm] = s.alarms.list({ state: 'all', limit: 10 });
    expect(alarm?.state).toBe('cleared_unacked');
    const notes = s.db.prepare('SELECT alarm_id, note FROM side_effects ORDER BY rowid').all();
    expect(notes).toEqual([
      { alarm_id: alarm!.id, note: 'kept raised' },
      { alarm_id: alarm!.id, note: 'kept cleared' },
    ]);
    expect(s.alarms.stats.listenerErrors).toBe(2);
    expect(s.engine.stats.sinkErrors).toBe(0);
  });
});
