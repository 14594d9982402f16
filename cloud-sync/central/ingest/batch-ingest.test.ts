import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmFeed, OpenTicket, StoreDetail, StoreState } from '../../../shared/central/api';
import {
  ADMIN_PASSWORD,
  alarmView,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
  ticketView,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)('central ingest on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  let storeToken: string;

  beforeEach(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const store = await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id: 'sh-001', name: 'Shanghai 001', regionId: 'east' },
    });
    expect(store.status).toBe(201);
    const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/sh-001/tokens`, {
      token: admin,
      method: 'POST',
    });
    storeToken = issued.body.token;
  });
  afterEach(async () => {
    await central.stop();
  });

  const raised = event(1, 'alarm.raised', 1, alarmView());
  const acked = event(
    2,
    'alarm.acked',
    1,
    alarmView({ state: 'active_acked', ackedAt: 1, ackedBy: 'li', updatedAt: 2 }),
  );
  const opened = event(3, 'ticket.opened', 1, ticketView());
  const cleared = event(
    4,
    'alarm.cleared',
    1,
    alarmView({ state: 'cleared_acked', clearedAt: 3, updatedAt: 3 }),
  );
  const raised2 = event(
    5,
    'alarm.raised',
    2,
    alarmView({ id: 2, equipmentId: 'fryer-1', severity: 'warning' }),
  );

  const feed = async () =>
    (await http<AlarmFeed>(`${central.url}/api/alarms?limit=500`, { token: admin })).body;
  const stores = async () => (await http<StoreState[]>(`${central.url}/api/stores`, { token: admin })).body;

  it('stores a batch delivered twice exactly once, and says so in the ack', async () => {
    const batch = batchOf('sh-001', [raised, acked, opened]);
    const first = await postBatch(central.url, storeToken, batch);
    expect(first).toEqual({
      status: 200,
      body: { storeId: 'sh-001', inserted: 3, duplicates: 0, highestSeq: 3 },
    });
    const second = await postBatch(central.url, storeToken, batch);
    expect(second.body).toEqual({ storeId: 'sh-001', inserted: 0, duplicates: 3, highestSeq: 3 });

    const entries = (await feed()).entries;
    expect(entries.map((e) => e.change)).toEqual(['acked', 'raised']);
    const [state] = await stores();
    expect(state?.activeAlarms).toEqual({ critical: 1, warning: 0, info: 0 });
    expect(state?.openTickets).toBe(1);
    expect(state?.highestSeq).toBe(3);
  });

  it('stores a batch posted twice at the same moment exactly once', async () => {
    const batch = batchOf('sh-001', [raised, acked, opened, cleared, raised2]);
    const answers = await Promise.all([
      postBatch(central.url, storeToken, batch),
      postBatch(central.url, storeToken, batch),
      postBatch(central.url, storeToken, batch),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.reduce((sum, a) => sum + a.body.inserted, 0)).toBe(5);
    expect(answers.reduce((sum, a) => sum + a.body.duplicates, 0)).toBe(10);
    expect((await feed()).entries).toHaveLength(4);
    const [state] = await stores();
    expect(state?.activeAlarms).toEqual({ critical: 0, warning: 1, info: 0 });
  });

  it('stores batches that wait together in one transaction; a failing batch rolls back alone', async () => {
    const { ingest } = central.service.central;
    const before = ingest.stats.transactions;
    const results = await Promise.allSettled([
      ingest.ingest(batchOf('sh-001', [raised, acked])),
      ingest.ingest(batchOf('no-such-store', [event(1, 'alarm.raised', 9, alarmView({ id: 9 }))])),
      ingest.ingest(batchOf('sh-001', [opened, cleared])),
      ingest.ingest(batchOf('sh-001', [raised2])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { code: 'NOT_FOUND' } });
    expect(ingest.stats.transactions - before).toBe(1);
    expect((await feed()).entries.map((e) => [e.storeId, e.change])).toEqual([
      ['sh-001', 'raised'],
      ['sh-001', 'cleared'],
      ['sh-001', 'acked'],
      ['sh-001', 'raised'],
    ]);
    const [state] = await stores();
    expect(state?.activeAlarms).toEqual({ critical: 0, warning: 1, info: 0 });
  });

  it('stores the rest of a group when the database refuses one batch of it', async () => {
    const { ingest, database } = central.service.central;
    // A row the database itself refuses, as a full disk or a broken constraint would.
    if (database.dialect === 'sqlite') {
      await sql`create trigger refuse_poison before insert on sync_events when new.entity_id = 'poison'
        begin select raise(abort, 'refused by the database'); end`.execute(database.db);
    } else {
      await sql`create function refuse_poison() returns trigger language plpgsql as $$
        begin if new.entity_id = 'poison' then raise exception 'refused by the database'; end if; return new; end $$`.execute(
        database.db,
      );
      await sql`create trigger refuse_poison before insert on sync_events
        for each row execute function refuse_poison()`.execute(database.db);
    }
    const results = await Promise.allSettled([
      ingest.ingest(batchOf('sh-001', [raised, acked])),
      ingest.ingest(batchOf('sh-001', [event(3, 'alarm.raised', 'poison', alarmView({ id: 7 }))])),
      ingest.ingest(batchOf('sh-001', [raised2])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('refused by the database');
    expect((await feed()).entries.map((e) => [e.alarm.id, e.change])).toEqual([
      [2, 'raised'],
      [1, 'acked'],
      [1, 'raised'],
    ]);
  });

  it('keeps each payload exactly as the edge sent it, and ids in the order of the events', async () => {
    const { ingest, database } = central.service.central;
    // Text that a re-serialisation would change: float digits, escapes, CJK, emoji, nesting.
    const payloads = [
      { reading: 0.30000000000000004, big: 9007199254740991, tiny: 1e-7, neg: -0 },
      { note: '冷柜门 "未关" \\ \n \t \u0001 🧊', nested: { a: [1, { b: null }], empty: {} } },
      { 'key with spaces': true, 中文键: '值' },
    ];
    const events = payloads.map((payload, i) => event(10 + i, 'custom.note', `e${i}`, payload));
    await ingest.ingest(batchOf('sh-001', [...events].reverse()));
    const rows = await sql<{ seq: number | string; payload: string; id: number | string }>`
      select seq, payload, id from sync_events where store_id = 'sh-001' order by id`.execute(database.db);
    expect(rows.rows.map((row) => Number(row.seq))).toEqual([10, 11, 12]);
    expect(rows.rows.map((row) => row.payload)).toEqual(payloads.map((p) => JSON.stringify(p)));
  });

  it('applies overlapping partial batches once, in seq order, whatever order they arrive in', async () => {
    const late = await postBatch(central.url, storeToken, batchOf('sh-001', [opened, cleared, raised2]));
    expect(late.body.inserted).toBe(3);
    // An older retry arrives after: seq 1–3, of which 3 is already held.
    const early = await postBatch(central.url, storeToken, batchOf('sh-001', [raised, acked, opened]));
    expect(early.body).toMatchObject({ inserted: 2, duplicates: 1, highestSeq: 5 });

    const detail = await http<StoreDetail>(`${central.url}/api/stores/sh-001`, { token: admin });
    // Alarm 1 was cleared at seq 4; the late raise (seq 1) must not bring it back.
    expect(detail.body.activeAlarms.map((a) => a.id)).toEqual([2]);
    expect(detail.body.state.activeAlarms).toEqual({ critical: 0, warning: 1, info: 0 });
    // The feed is in arrival order (its cursor is what a poller has seen), newest first.
    expect((await feed()).entries.map((e) => e.change)).toEqual(['acked', 'raised', 'raised', 'cleared']);
    expect(detail.body.equipment.map((e) => e.equipmentId)).toEqual(['fryer-1', 'walkin-1']);
  });

  it('accepts gzip bodies, keeps unknown kinds and misfit payloads as history, records last heard and drops', async () => {
    central.clock.advance(5_000);
    const answer = await postBatch(
      central.url,
      storeToken,
      batchOf(
        'sh-001',
        [
          event(7, 'pm.done', 'walkin-1', { plan: 'coil' }),
          event(8, 'alarm.raised', 9, { not: 'an alarm view' }),
          event(9, 'device.status', 'walkin-1', { equipmentId: 'walkin-1', online: false }),
        ],
        42,
      ),
      true,
    );
    expect(answer.body).toMatchObject({ inserted: 3, duplicates: 0, highestSeq: 9 });
    const [state] = await stores();
    expect(state).toMatchObject({
      lastHeardAt: central.clock.now(),
      droppedRollups: 42,
      highestSeq: 9,
      equipment: { total: 1, offline: 1 },
    });
    expect((await feed()).entries).toHaveLength(0);
    // A late batch reporting an older running count does not lower it.
    await postBatch(central.url, storeToken, batchOf('sh-001', [event(10, 'pm.done', 'x', {})], 40));
    expect((await stores())[0]?.droppedRollups).toBe(42);
  });

  it('follows a ticket through its transitions and lists open tickets with their ages', async () => {
    await postBatch(central.url, storeToken, batchOf('sh-001', [opened]));
    central.clock.advance(60_000);
    const open = await http<OpenTicket[]>(`${central.url}/api/tickets`, { token: admin });
    expect(open.body).toHaveLength(1);
    expect(open.body[0]?.ticket.status).toBe('open');
    expect(open.body[0]?.ageS).toBe((central.clock.now() - ticketView().openedAt) / 1000);

    const transition = (seq: number, to: 'assigned' | 'closed') =>
      event(seq, 'ticket.transition', 1, {
        ticket: ticketView({ status: to, updatedAt: seq }),
        transition: { from: 'open', to, at: seq, by: 'li', note: null },
      });
    await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [transition(4, 'assigned'), event(5, 'ticket.alarm_attached', 1, { alarmId: 7 })]),
    );
    const assigned = await http<OpenTicket[]>(`${central.url}/api/tickets`, { token: admin });
    expect(assigned.body[0]?.ticket).toMatchObject({ status: 'assigned', alarmIds: [1, 7] });
    await postBatch(central.url, storeToken, batchOf('sh-001', [transition(6, 'closed')]));
    expect((await http<OpenTicket[]>(`${central.url}/api/tickets`, { token: admin })).body).toEqual([]);
  });

  it('polls the alarm feed with the after cursor', async () => {
    await postBatch(central.url, storeToken, batchOf('sh-001', [raised, acked]));
    const first = await feed();
    expect(first.entries).toHaveLength(2);
    const since = await http<AlarmFeed>(`${central.url}/api/alarms?after=${first.cursor}`, { token: admin });
    expect(since.body).toEqual({ entries: [], cursor: first.cursor });
    await postBatch(central.url, storeToken, batchOf('sh-001', [raised2]));
    const next = await http<AlarmFeed>(`${central.url}/api/alarms?after=${first.cursor}`, { token: admin });
    expect(next.body.entries.map((e) => [e.storeId, e.alarm.id, e.change])).toEqual([
      ['sh-001', 2, 'raised'],
    ]);
    expect(next.body.cursor).toBeGreaterThan(first.cursor);
  });
});
