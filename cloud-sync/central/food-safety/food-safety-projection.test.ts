import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { type CentralDatabase, openCentralDatabase } from '../db/central-db';
import { ProjectionPlan } from '../ingest/projections';
import { BACKENDS, event, releaseSharedPostgres, sharedPostgres } from '../testing/central-test-kit';
import { foodSafetyOverview } from './food-safety-overview';
import { storeFoodSafetyDetail } from './store-food-safety';
import {
  chainHead,
  checkRecord,
  coolingBatch,
  correctiveAction,
  day,
  excursion,
  hashOf,
  passedBatch,
  signedOff,
} from './testing/food-safety-events';

afterAll(releaseSharedPostgres, 60_000);

const T = Date.UTC(2026, 0, 12, 2);

describe.each(BACKENDS)('food-safety projection on %s', (backend) => {
  let database: CentralDatabase;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-food-safety-'));
    const databaseUrl = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    database = await openCentralDatabase({ dataDir, databaseUrl });
    await database.db.insertInto('regions').values({ id: 'east', name: 'East', created_at: T }).execute();
    await database.db
      .insertInto('stores')
      .values([
        { id: 'sh-001', name: 'Shanghai 001', region_id: 'east', created_at: T },
        { id: 'sh-002', name: 'Shanghai 002', region_id: 'east', created_at: T },
      ])
      .execute();
  });
  afterEach(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function project(storeId: string, ...events: SyncEvent[]): Promise<string[]> {
    const plan = new ProjectionPlan();
    const outcomes = events.map((e) => plan.add(storeId, e).kind);
    await database.db.transaction().execute((trx) => plan.apply(trx));
    return outcomes;
  }

  const excursions = async () =>
    (
      await database.db
        .selectFrom('food_safety_excursions')
        .select(['store_id', 'excursion_id', 'ended_at', 'last_seq', 'view'])
        .orderBy('store_id')
        .orderBy('excursion_id')
        .execute()
    ).map((r) => ({
      store_id: r.store_id,
      excursion_id: Number(r.excursion_id),
      ended_at: r.ended_at === null ? null : Number(r.ended_at),
      last_seq: Number(r.last_seq),
      minutes: (JSON.parse(r.view) as { minutes: number }).minutes,
    }));
  const actions = async () =>
    (
      await database.db
        .selectFrom('food_safety_actions')
        .select(['store_id', 'action_id', 'open', 'escalation', 'last_seq', 'view'])
        .orderBy('store_id')
        .orderBy('action_id')
        .execute()
    ).map((r) => ({
      store_id: r.store_id,
      action_id: Number(r.action_id),
      open: Number(r.open),
      escalation: r.escalation,
      last_seq: Number(r.last_seq),
      by: (JSON.parse(r.view) as { by: string | null }).by,
    }));
  const days = async () =>
    (
      await database.db
        .selectFrom('food_safety_days')
        .select(['store_id', 'control_point_id', 'day', 'out_of_limit_min', 'pass', 'last_seq'])
        .orderBy('store_id')
        .orderBy('day')
        .execute()
    ).map((r) => ({
      ...r,
      out_of_limit_min: Number(r.out_of_limit_min),
      pass: Number(r.pass),
      last_seq: Number(r.last_seq),
    }));
  const heads = async () =>
    (
      await database.db
        .selectFrom('food_safety_chain_heads')
        .select(['store_id', 'event_seq', 'chain_seq'])
        .orderBy('store_id')
        .orderBy('event_seq')
        .execute()
    ).map((r) => [r.store_id, Number(r.event_seq), Number(r.chain_seq)]);
  const alerts = async () =>
    (
      await database.db
        .selectFrom('food_safety_tamper_alerts')
        .selectAll()
        .orderBy('store_id')
        .orderBy('later_event_seq')
        .execute()
    ).map((r) => ({
      store_id: r.store_id,
      kind: r.kind,
      earlier: [Number(r.earlier_event_seq), Number(r.earlier_chain_seq), r.earlier_hash],
      later: [Number(r.later_event_seq), Number(r.later_chain_seq), r.later_hash],
    }));

  it('keeps the newest state of each excursion and corrective action, however often it is sent', async () => {
    const open = excursion(3);
    const closed = excursion(9, { endedAt: T + 50 * 60_000, minutes: 50 });
    expect(await project('sh-001', open, correctiveAction(4))).toEqual(['projected', 'projected']);
    await project('sh-001', closed, signedOff(10));
    // Delivered again, in a later group: nothing changes.
    await project('sh-001', open, closed, correctiveAction(4), signedOff(10));
    // Another store's excursion 40 is another excursion.
    await project('sh-002', excursion(1));
    expect(await excursions()).toEqual([
      { store_id: 'sh-001', excursion_id: 40, ended_at: T + 50 * 60_000, last_seq: 9, minutes: 50 },
      { store_id: 'sh-002', excursion_id: 40, ended_at: null, last_seq: 1, minutes: 35 },
    ]);
    expect(await actions()).toEqual([
      { store_id: 'sh-001', action_id: 41, open: 0, escalation: 'none', last_seq: 10, by: 'manager-chen' },
    ]);
  });

  it('never lets an older state arriving late overwrite a newer one', async () => {
    const escalated = correctiveAction(6, {
      seq: 45,
      amends: 41,
      change: 'escalated',
      escalation: 'manager',
    });
    // Within one group, newest first.
    await project('sh-001', signedOff(8), escalated, correctiveAction(4));
    expect(await actions()).toMatchObject([{ open: 0, last_seq: 8, by: 'manager-chen' }]);
    // In later groups, older versions alone.
    await project('sh-001', escalated);
    await project('sh-001', correctiveAction(4));
    expect(await actions()).toMatchObject([{ open: 0, last_seq: 8, by: 'manager-chen' }]);

    await project('sh-001', excursion(12, { endedAt: T + 40 * 60_000, minutes: 40 }));
    await project('sh-001', excursion(11));
    expect(await excursions()).toMatchObject([{ ended_at: T + 40 * 60_000, last_seq: 12 }]);
  });

  it('keeps each control point’s day, a recomputed day replacing it by seq', async () => {
    await project('sh-001', day(20, '2026-01-12', { out: 45 }), day(21, '2026-01-13'));
    // Recomputed (late records): the later seq wins, in either arrival order.
    await project('sh-001', day(30, '2026-01-12', { out: 20 }));
    await project('sh-001', day(20, '2026-01-12', { out: 45 }));
    expect(await days()).toEqual([
      {
        store_id: 'sh-001',
        control_point_id: 'walkin-cold',
        day: '2026-01-12',
        out_of_limit_min: 20,
        pass: 1,
        last_seq: 30,
      },
      expect.objectContaining({ day: '2026-01-13', out_of_limit_min: 0, last_seq: 21 }),
    ]);
  });

  it('refuses a day whose minutes do not add up, keeping it as history only', async () => {
    const broken = day(5, '2026-01-12', { inLimitMin: 1000 });
    expect(await project('sh-001', broken)).toEqual(['invalid']);
    expect(await days()).toEqual([]);
  });

  it('keeps every chain head and raises nothing while the chain only moves forward', async () => {
    await project('sh-001', chainHead(1, 10), chainHead(3, 18));
    await project('sh-001', chainHead(3, 18), chainHead(5, 18), chainHead(7, 30));
    // Out of order: late heads between stored ones still fit.
    await project('sh-001', chainHead(4, 18), chainHead(2, 12));
    expect(await heads()).toEqual([
      ['sh-001', 1, 10],
      ['sh-001', 2, 12],
      ['sh-001', 3, 18],
      ['sh-001', 4, 18],
      ['sh-001', 5, 18],
      ['sh-001', 7, 30],
    ]);
    expect(await alerts()).toEqual([]);
  });

  it('raises a tamper alert with both heads when a head is rewritten or goes back, and keeps both', async () => {
    await project('sh-001', chainHead(1, 10), chainHead(2, 20));
    // The box rewrote record 20 and sent its new head under the next seq.
    await project('sh-001', chainHead(3, 20, hashOf(9_999)));
    // Later it truncated its chain back to 15 and went on from there.
    await project('sh-001', chainHead(4, 15), chainHead(5, 16));
    // All delivered again: no second alert, no head lost.
    await project('sh-001', chainHead(1, 10), chainHead(3, 20, hashOf(9_999)), chainHead(4, 15));
    expect(await alerts()).toEqual([
      { store_id: 'sh-001', kind: 'rewritten', earlier: [2, 20, hashOf(20)], later: [3, 20, hashOf(9_999)] },
      { store_id: 'sh-001', kind: 'went_back', earlier: [3, 20, hashOf(9_999)], later: [4, 15, hashOf(15)] },
    ]);
    expect((await heads()).map(([, eventSeq]) => eventSeq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('finds a head that went back when the older one arrives after it', async () => {
    await project('sh-001', chainHead(1, 10), chainHead(3, 12));
    // Head 2 (seq 40) arrives late, between the two: 40 → 12 went back.
    await project('sh-001', chainHead(2, 40));
    expect(await alerts()).toEqual([
      { store_id: 'sh-001', kind: 'went_back', earlier: [2, 40, hashOf(40)], later: [3, 12, hashOf(12)] },
    ]);
    // Another store's chain is its own.
    await project('sh-002', chainHead(1, 5));
    expect((await alerts()).map((a) => a.store_id)).toEqual(['sh-001']);
  });

  const cooling = async () =>
    (
      await database.db
        .selectFrom('food_safety_cooling')
        .select(['store_id', 'batch_id', 'state', 'failed', 'started_at', 'last_seq', 'view'])
        .orderBy('store_id')
        .orderBy('batch_id')
        .execute()
    ).map((r) => ({
      store_id: r.store_id,
      batch_id: Number(r.batch_id),
      state: r.state,
      failed: Number(r.failed),
      started_at: Number(r.started_at),
      last_seq: Number(r.last_seq),
      stage1: (JSON.parse(r.view) as { stages: { result: string; valueC: number | null }[] }).stages[0],
    }));

  it('keeps the newest version of each cooling batch, a failed stage marked, older versions ignored', async () => {
    const t0 = Date.UTC(2026, 0, 12, 1);
    const started = coolingBatch(11, {
      seq: 60,
      amends: null,
      change: 'started',
      state: 'cooling',
      actionId: null,
      at: t0,
      stages: [
        {
          toC: 21,
          withinMin: 120,
          deadline: t0 + 120 * 60_000,
          result: 'pending',
          at: null,
          valueC: null,
          warnedAt: null,
          projectedAt: null,
        },
        {
          toC: 5,
          withinMin: 360,
          deadline: t0 + 360 * 60_000,
          result: 'pending',
          at: null,
          valueC: null,
          warnedAt: null,
          projectedAt: null,
        },
      ],
    });
    expect(await project('sh-001', started, passedBatch(12))).toEqual(['projected', 'projected']);
    expect(await cooling()).toMatchObject([
      { batch_id: 60, state: 'cooling', failed: 0, last_seq: 11 },
      { batch_id: 70, state: 'passed', failed: 0, last_seq: 12 },
    ]);
    await project('sh-001', coolingBatch(15));
    // The start delivered again after the failure: nothing goes back.
    await project('sh-001', started);
    await project('sh-002', coolingBatch(3));
    expect(await cooling()).toEqual([
      {
        store_id: 'sh-001',
        batch_id: 60,
        state: 'failed',
        failed: 1,
        started_at: t0,
        last_seq: 15,
        stage1: expect.objectContaining({ result: 'failed', valueC: 22 }),
      },
      expect.objectContaining({ store_id: 'sh-001', batch_id: 70, state: 'passed', failed: 0 }),
      expect.objectContaining({ store_id: 'sh-002', batch_id: 60, failed: 1, last_seq: 3 }),
    ]);
  });

  it('keeps a cooling batch that does not read as history only', async () => {
    const bad = coolingBatch(4, { stages: [] });
    const plan = new ProjectionPlan();
    expect(plan.add('sh-001', { ...bad, payload: { ...bad.payload, state: 'melted' } }).kind).toBe('invalid');
    await database.db.transaction().execute((trx) => plan.apply(trx));
    expect(await cooling()).toEqual([]);
  });

  it('keeps a head that does not fit as history only, and says why', async () => {
    const plan = new ProjectionPlan();
    expect(
      plan.add('sh-001', event(3, 'food_safety.chain_head', 'sh-001', { seq: 4, hash: 'abc', at: T })).kind,
    ).toBe('invalid');
    await database.db.transaction().execute((trx) => plan.apply(trx));
    expect(await heads()).toEqual([]);
  });

  it('counts each store’s missed checks and lists its check records, missed and out of limit first', async () => {
    const slot = (h: number) => Date.UTC(2026, 0, 12, h, 30);
    expect(
      await project(
        'sh-001',
        checkRecord(21, { id: 90, slotAt: slot(3) }),
        checkRecord(22, {
          id: 91,
          checkId: 'fries-hold',
          slotAt: slot(3),
          status: 'done',
          valueC: 58,
          inLimit: false,
          by: 'staff-chen',
          actionId: 92,
        }),
        checkRecord(23, {
          id: 95,
          slotAt: slot(9),
          status: 'done',
          valueC: 70,
          inLimit: true,
          by: 'staff-chen',
        }),
        // Delivered again: still one record.
        checkRecord(21, { id: 90, slotAt: slot(3) }),
      ),
    ).toEqual(['projected', 'projected', 'projected', 'projected']);
    await project(
      'sh-002',
      checkRecord(4, { id: 90, slotAt: slot(3) }),
      checkRecord(5, { id: 91, slotAt: slot(9) }),
    );
    const from = Date.UTC(2026, 0, 11, 16);
    const to = from + 86_400_000;
    const overview = await foodSafetyOverview(database.db, null, from, to, to);
    expect(overview.stores.map((s) => [s.storeId, s.compliance.missedChecks])).toEqual(
      expect.arrayContaining([
        ['sh-001', 1],
        ['sh-002', 2],
      ]),
    );
    // The next day holds none of them.
    const next = await foodSafetyOverview(database.db, null, to, to + 86_400_000, to);
    expect(next.stores.every((s) => s.compliance.missedChecks === 0)).toBe(true);
    const detail = await storeFoodSafetyDetail(database.db, 'sh-001', from, to, to);
    expect(detail?.checks.map((c) => [c.id, c.status, c.inLimit])).toEqual([
      [91, 'done', false],
      [90, 'missed', null],
      [95, 'done', true],
    ]);
  });
});
