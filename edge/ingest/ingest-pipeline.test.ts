import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RejectionReason } from '../../shared/rejection-reasons';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { topics } from '../../shared/topics';
import type { EdgeEvents } from '../runtime/event-bus';
import { DATABASE_FILE } from '../store/database';
import { DeviceStatusStore } from '../store/device-status-store';
import { ReadingsStore } from '../store/readings-store';
import { IngestPipeline } from './ingest-pipeline';
import { IngestRejectedError } from './rejection';
import { demoConfig, tempDatabase, testDeps, within } from './testing/ingest-fixture';

const STORE = 'demo-sh-001';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup(storage: Partial<ReturnType<typeof demoConfig>['storage']> = {}) {
  const tmp = tempDatabase();
  const clock = new FakeClock();
  const config = demoConfig({ storage: { ...demoConfig().storage, ...storage } });
  const { bus, logger } = testDeps();
  const pipeline = new IngestPipeline({ config, db: tmp.db, bus, clock, logger });
  pipeline.start();
  cleanups.push(() => {
    pipeline.stop();
    tmp.cleanup();
  });
  return { tmp, clock, config, bus, logger, pipeline };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('IngestPipeline.check', () => {
  it('refuses each kind of bad input with its reason, counts it, and stores every good message', async () => {
    const { tmp, clock, pipeline } = setup();
    const now = clock.now();
    const tel = topics.telemetry(STORE, 'wic-1');
    const bad: [string, string, Buffer, RejectionReason][] = [
      [
        'oversize',
        tel,
        json({ ts: now, readings: { temp_c: 3 }, pad: 'x'.repeat(20_000) }),
        'payload_too_large',
      ],
      ['invalid utf-8', tel, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'invalid_utf8'],
      ['not json', tel, Buffer.from('temp=3'), 'invalid_json'],
      ['empty payload', tel, Buffer.alloc(0), 'invalid_json'],
      ['array', tel, json([1, 2]), 'schema_mismatch'],
      ['no readings', tel, json({ ts: now }), 'schema_mismatch'],
      ['no ts', tel, json({ readings: { temp_c: 3 } }), 'missing_timestamp'],
      ['garbage ts', tel, json({ ts: 'yesterday', readings: { temp_c: 3 } }), 'bad_timestamp'],
      ['infinite ts', tel, Buffer.from(`{"ts":1e999,"readings":{"temp_c":3}}`), 'bad_timestamp'],
      ['future ts', tel, json({ ts: now + 3_600_000, readings: { temp_c: 3 } }), 'future_timestamp'],
      ['seconds ts', tel, json({ ts: Math.floor(now / 1000), readings: { temp_c: 3 } }), 'stale_timestamp'],
      ['empty readings', tel, json({ ts: now, readings: {} }), 'empty_readings'],
      [
        'too many readings',
        tel,
        json({ ts: now, readings: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`m${i}`, 1])) }),
        'too_many_readings',
      ],
      ['unknown metric', tel, json({ ts: now, readings: { humidity_pct: 3 } }), 'unknown_metric'],
      ['string for number', tel, json({ ts: now, readings: { temp_c: '3' } }), 'wrong_type'],
      ['number for boolean', tel, json({ ts: now, readings: { door_open: 1 } }), 'wrong_type'],
      ['1e999', tel, Buffer.from(`{"ts":${now},"readings":{"temp_c":1e999}}`), 'non_finite'],
      ['above range', tel, json({ ts: now, readings: { temp_c: 999 } }), 'out_of_range'],
      ['below range', tel, json({ ts: now, readings: { temp_c: -41 } }), 'out_of_range'],
      [
        'wrong store',
        topics.telemetry('other-store', 'wic-1'),
        json({ ts: now, readings: { temp_c: 3 } }),
        'wrong_store',
      ],
      [
        'unknown equipment',
        topics.telemetry(STORE, 'nope-9'),
        json({ ts: now, readings: { temp_c: 3 } }),
        'unknown_equipment',
      ],
      ['unknown kind', `galley/${STORE}/wic-1/config`, json({}), 'unknown_message_kind'],
      ['not a device topic', `galley/${STORE}/wic-1/telemetry/extra`, json({}), 'topic_not_allowed'],
      ['event without code', topics.event(STORE, 'wic-1'), json({ ts: now }), 'schema_mismatch'],
      [
        'event stale',
        topics.event(STORE, 'wic-1'),
        json({ ts: now - 8 * 86_400_000, code: 'E1' }),
        'stale_timestamp',
      ],
      ['status not boolean', topics.status(STORE, 'wic-1'), json({ online: 'yes' }), 'schema_mismatch'],
    ];
    const commits: Promise<void>[] = [];
    bad.forEach(([name, topic, payload, reason], i) => {
      const verdict = pipeline.check('wic-1', topic, payload);
      expect(verdict.ok, name).toBe(false);
      if (!verdict.ok) {
        expect(verdict.reason, name).toBe(reason);
        expect(verdict.detail.length, name).toBeGreaterThan(10);
      }
      // A good message after every bad one: bad input must not disturb good data.
      const good = pipeline.check(
        'wic-1',
        tel,
        json({ ts: now - 1000 * (i + 1), readings: { temp_c: i / 2, door_open: i % 2 === 0 } }),
      );
      expect(good.ok, `good after ${name}`).toBe(true);
      if (good.ok) commits.push(good.commit());
    });
    clock.advance(10);
    await within(Promise.all(commits));

    const count = (tmp.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
    expect(count).toBe(bad.length * 2);
    const byReason = new Map<string, number>();
    for (const [, , , reason] of bad) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    for (const [reason, n] of byReason)
      expect(pipeline.rejections.count('wic-1', reason as RejectionReason), reason).toBe(n);
    expect(pipeline.stats().rejectedByReason.out_of_range).toBe(2);
    const outOfRange = pipeline.rejections.list().find((r) => r.reason === 'out_of_range');
    expect(outOfRange?.lastDetail).toBe('temp_c=-41 is below the physical minimum -40 °C');
  });

  it('explains an out-of-range reading with metric, value, limit and unit', () => {
    const { clock, pipeline } = setup();
    const verdict = pipeline.check(
      'wic-1',
      topics.telemetry(STORE, 'wic-1'),
      json({ ts: clock.now(), readings: { temp_c: 999 } }),
    );
    expect(verdict).toEqual({
      ok: false,
      reason: 'out_of_range',
      detail: 'temp_c=999 is above the physical maximum 60 °C',
    });
  });

  it('accepts ISO 8601 timestamps and stores booleans as 0/1, reading them back as booleans', async () => {
    const { tmp, clock, config, pipeline } = setup();
    const iso = new Date(clock.now() - 5000).toISOString();
    const v = pipeline.check(
      'wic-1',
      topics.telemetry(STORE, 'wic-1'),
      json({ ts: iso, readings: { temp_c: 2.5, door_open: true } }),
    );
    if (!v.ok) throw new Error(v.detail);
    const done = v.commit();
    clock.advance(10);
    await within(done);
    const raw = tmp.db.prepare("SELECT value FROM readings WHERE metric = 'door_open'").get() as {
      value: number;
    };
    expect(raw.value).toBe(1);
    const latest = new ReadingsStore(tmp.db, config).latest('wic-1');
    expect(latest).toEqual({
      temp_c: { ts: Date.parse(iso), value: 2.5 },
      door_open: { ts: Date.parse(iso), value: true },
    });
  });
});

describe('group commit', () => {
  it('makes 1 000 concurrent commits visible to a second connection by the time each resolves, in few transactions', async () => {
    const { tmp, clock, pipeline } = setup({ groupCommitMaxDelayMs: 5, groupCommitMaxBatch: 300 });
    const reader = new BetterSqlite3(`${tmp.dir}/${DATABASE_FILE}`, { readonly: true });
    cleanups.unshift(() => reader.close());
    const exists = reader.prepare('SELECT 1 FROM readings WHERE equipment_id = ? AND metric = ? AND ts = ?');
    const ids = ['wic-1', 'wif-1', 'ric-1', 'ric-2'];
    const invisible: string[] = [];
    const all: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      const equipmentId = ids[i % ids.length]!;
      const ts = clock.now() - 1000 - i;
      const v = pipeline.check(
        equipmentId,
        topics.telemetry(STORE, equipmentId),
        json({ ts, readings: { temp_c: 1 } }),
      );
      if (!v.ok) throw new Error(v.detail);
      all.push(
        v.commit().then(() => {
          if (!exists.get(equipmentId, 'temp_c', ts)) invisible.push(`${equipmentId}@${ts}`);
        }),
      );
      if (i % 250 === 249) clock.advance(5); // time passes while messages arrive
    }
    clock.advance(5);
    await within(Promise.all(all));
    expect(invisible).toEqual([]);
    expect((reader.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n).toBe(1000);
    const { transactions, committedItems } = pipeline.stats();
    expect(committedItems).toBe(1000);
    expect(transactions).toBeGreaterThan(1);
    expect(transactions).toBeLessThanOrEqual(8);
  });

  it('treats a redelivery as the same message: one row, announced once', async () => {
    const { tmp, clock, bus, pipeline } = setup();
    const announced: EdgeEvents['readingsCommitted'] = [];
    bus.on('readingsCommitted', (batch) => announced.push(...batch));
    const payload = json({ ts: clock.now() - 100, readings: { temp_c: 4.5, compressor_on: true } });
    for (let i = 0; i < 3; i++) {
      const v = pipeline.check('wic-1', topics.telemetry(STORE, 'wic-1'), payload);
      if (!v.ok) throw new Error(v.detail);
      const done = v.commit();
      clock.advance(10);
      await within(done);
    }
    expect((tmp.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n).toBe(2);
    expect(announced).toHaveLength(1);
    expect(announced[0]?.readings).toEqual({ temp_c: 4.5, compressor_on: true });
  });

  it('rejects the waiting promises when the commit fails, and keeps running', async () => {
    const { tmp, clock, pipeline } = setup();
    const v = pipeline.check(
      'wic-1',
      topics.telemetry(STORE, 'wic-1'),
      json({ ts: clock.now(), readings: { temp_c: 1 } }),
    );
    if (!v.ok) throw new Error(v.detail);
    // Another connection holds the write lock, so this commit cannot happen.
    const blocker = new BetterSqlite3(`${tmp.dir}/${DATABASE_FILE}`);
    blocker.pragma('busy_timeout = 0');
    tmp.db.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE');
    const failed = v.commit();
    clock.advance(10);
    await expect(within(failed)).rejects.toMatchObject({ code: 'COMMIT_FAILED' });
    blocker.exec('ROLLBACK');
    blocker.close();
    expect(pipeline.stats().failedItems).toBe(1);
    const again = pipeline.check(
      'wic-1',
      topics.telemetry(STORE, 'wic-1'),
      json({ ts: clock.now(), readings: { temp_c: 2 } }),
    );
    if (!again.ok) throw new Error(again.detail);
    const ok = again.commit();
    clock.advance(10);
    await within(ok);
    expect((tmp.db.prepare('SELECT value FROM readings').get() as { value: number }).value).toBe(2);
  });
});

describe('events, status and serial submissions', () => {
  it('stores events once, updates status, and announces both', async () => {
    const { tmp, clock, bus, pipeline } = setup();
    const events: EdgeEvents['deviceEvent'][] = [];
    const statuses: EdgeEvents['deviceStatus'][] = [];
    bus.on('deviceEvent', (e) => events.push(e));
    bus.on('deviceStatus', (s) => statuses.push(s));
    const ev = json({ ts: clock.now() - 10, code: 'E42', message: 'compressor overload' });
    for (const payload of [ev, ev]) {
      const v = pipeline.check('fryer-1', topics.event(STORE, 'fryer-1'), payload);
      if (!v.ok) throw new Error(v.detail);
      const done = v.commit();
      clock.advance(10);
      await within(done);
    }
    const st = pipeline.check('fryer-1', topics.status(STORE, 'fryer-1'), json({ online: false }));
    if (!st.ok) throw new Error(st.detail);
    const done = st.commit();
    clock.advance(10);
    await within(done);
    const will = pipeline.recordDeviceStatus('fryer-1', false, 'last_will');
    clock.advance(10);
    await within(will);

    expect((tmp.db.prepare('SELECT count(*) AS n FROM device_events').get() as { n: number }).n).toBe(1);
    expect(events).toEqual([
      { equipmentId: 'fryer-1', ts: clock.now() - 50, code: 'E42', message: 'compressor overload' },
    ]);
    expect(statuses.map((s) => [s.online, s.cause])).toEqual([[false, 'status']]);
    const status = new DeviceStatusStore(tmp.db).get('fryer-1');
    expect(status?.online).toBe(false);
    expect(status?.lastSeen).not.toBeNull();
  });

  it('validates serial submissions the same way and throws with the reason as code', async () => {
    const { tmp, clock, pipeline } = setup();
    const good = pipeline.submitReadings('/dev/ttyUSB0', 'fryer-3', {
      ts: clock.now(),
      readings: { oil_temp_c: 178 },
    });
    clock.advance(10);
    await within(good);
    const bad = pipeline.submitReadings('/dev/ttyUSB0', 'fryer-3', {
      ts: clock.now(),
      readings: { oil_temp_c: Number.NaN },
    });
    await expect(bad).rejects.toBeInstanceOf(IngestRejectedError);
    await expect(
      pipeline.submitReadings('/dev/ttyUSB0', 'fryer-3', { ts: clock.now(), readings: { oil_temp_c: 900 } }),
    ).rejects.toMatchObject({ code: 'out_of_range' });
    expect(pipeline.rejections.count('/dev/ttyUSB0', 'non_finite')).toBe(1);
    expect(pipeline.rejections.count('/dev/ttyUSB0', 'out_of_range')).toBe(1);
    expect((tmp.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n).toBe(1);
  });
});

describe('rejection counters', () => {
  it('survive stop, close and reopen', () => {
    const { tmp, clock, config, bus, logger, pipeline } = setup();
    for (let i = 0; i < 3; i++)
      pipeline.check('wic-1', topics.telemetry(STORE, 'wic-1'), Buffer.from('nope'));
    pipeline.check('hacker', topics.telemetry('other', 'wic-1'), json({}));
    clock.advance(1000); // persisted by the interval…
    pipeline.check('wic-1', topics.telemetry(STORE, 'wic-1'), Buffer.from('still nope'));
    pipeline.stop(); // …and the rest on stop
    const db = tmp.reopen();
    const second = new IngestPipeline({ config, db, bus, clock, logger });
    second.start();
    expect(second.rejections.count('wic-1', 'invalid_json')).toBe(4);
    expect(second.rejections.count('hacker', 'wrong_store')).toBe(1);
    second.check('wic-1', topics.telemetry(STORE, 'wic-1'), Buffer.from('again'));
    expect(second.rejections.list().find((r) => r.clientId === 'wic-1')).toMatchObject({
      reason: 'invalid_json',
      count: 5,
    });
    second.stop();
  });
});
