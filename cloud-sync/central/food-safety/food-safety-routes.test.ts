import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centralPath } from '../../../shared/central/api';
import {
  FOOD_SAFETY_ROUTES,
  type FoodSafetyOverview,
  type StoreFoodSafetyDetail,
  type TamperAlertList,
} from '../../../shared/central/food-safety-api';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  batchOf,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';
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

const H = 3_600_000;
const DAY = 24 * H;
/** 12:00 in Shanghai on 14 January: the 12th and 13th are closed store days. */
const NOW = Date.UTC(2026, 0, 14, 4);
const OPENED = NOW - 5 * H;
/** sh-001's cooling: a batch that missed stage 1 (signed off: reheated), then a newer one that passed. */
const FAILED_T0 = NOW - 30 * H;
const PASSED_T0 = NOW - 20 * H;

describe.each(BACKENDS)('food-safety routes on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  const storeTokens: Record<string, string> = {};

  beforeEach(async () => {
    central = await startTestCentral(backend);
    central.clock.advanceTo(NOW);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const post = (path: string, body: unknown) => http(`${central.url}${path}`, { token: admin, body });
    await post('/api/admin/regions', { id: 'east', name: '华东区' });
    await post('/api/admin/regions', { id: 'north', name: '华北区' });
    await post('/api/admin/stores', { id: 'sh-001', name: '上海人民广场店', regionId: 'east' });
    await post('/api/admin/stores', { id: 'sh-002', name: '上海静安店', regionId: 'east' });
    await post('/api/admin/stores', { id: 'bj-001', name: '北京国贸店', regionId: 'north' });
    await post('/api/admin/users', {
      username: 'wang',
      password: 'east-pw-1',
      role: 'regional_manager',
      regionId: 'east',
    });
    await post('/api/admin/users', {
      username: 'zhao',
      password: 'north-pw-1',
      role: 'regional_manager',
      regionId: 'north',
    });
    for (const store of ['sh-001', 'sh-002', 'bj-001']) {
      const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${store}/tokens`, {
        token: admin,
        method: 'POST',
      });
      storeTokens[store] = issued.body.token;
    }
  });
  afterEach(async () => {
    await central.stop();
  });

  async function sync(storeId: string, events: SyncEvent[]): Promise<void> {
    const answer = await postBatch(central.url, storeTokens[storeId] ?? '', batchOf(storeId, events));
    expect(answer.status).toBe(200);
  }
  const get = <T>(token: string, path: string) => http<T>(`${central.url}${path}`, { token });

  /**
   * sh-001: two control points; the 12th failed (60 min out at the walk-in), the 13th had
   * 120 min without data and two missed checks; one action overdue, one not yet due, one
   * signed off; its chain only moved forward. sh-002: one day at 50 %, a rewritten head.
   * bj-001: one perfect day, no head ever sent.
   */
  async function syncStores(): Promise<void> {
    await sync('sh-001', [
      chainHead(1, 10),
      excursion(2, { startedAt: OPENED - 35 * 60_000 }),
      correctiveAction(3, { openedAt: OPENED }),
      day(4, '2026-01-12', { out: 60, excursions: 1, pass: false }),
      day(5, '2026-01-12', { controlPointId: 'freezer', name: { en: 'Freezer', 'zh-CN': '冷冻柜' } }),
      day(6, '2026-01-13', { noData: 120, missedChecks: 2 }),
      correctiveAction(7, { id: 43, seq: 43, excursionId: 42, openedAt: NOW - H }),
      correctiveAction(8, { id: 39, seq: 39, excursionId: 38, openedAt: NOW - 2 * DAY }),
      signedOff(9, { id: 39, seq: 48, amends: 39, excursionId: 38, openedAt: NOW - 2 * DAY }),
      chainHead(10, 48),
      coolingBatch(11, {
        t0: FAILED_T0,
        startedAt: FAILED_T0 - 5 * 60_000,
        product: 'Chicken stock, "house"',
      }),
      signedOff(12, {
        id: 61,
        seq: 66,
        amends: 61,
        controlPointId: 'cooling',
        equipmentId: 'ric-1',
        excursionId: 60,
        coolingBatchId: 60,
        alarmId: null,
        openedAt: FAILED_T0 + 2 * H,
        whatDone: '=reheated to 74 °C',
        disposition: 'reheat_recool',
        quantity: { amount: 12, unit: 'l' },
        movedTo: null,
        at: FAILED_T0 + 3 * H,
      }),
      passedBatch(13, { t0: PASSED_T0, startedAt: PASSED_T0 }),
      // The two checks missed on the 13th (11:30 in Shanghai), and one done in limit.
      checkRecord(14, { id: 90, slotAt: Date.UTC(2026, 0, 13, 3, 30) }),
      checkRecord(15, { id: 91, checkId: 'fries-hold', slotAt: Date.UTC(2026, 0, 13, 3, 30) }),
      checkRecord(16, {
        id: 95,
        slotAt: Date.UTC(2026, 0, 13, 9, 30),
        status: 'done',
        valueC: 70,
        inLimit: true,
      }),
    ]);
    await sync('sh-002', [
      chainHead(1, 30),
      day(2, '2026-01-13', { out: 720, excursions: 2, pass: false }),
      chainHead(3, 30, hashOf(777)),
    ]);
    await sync('bj-001', [day(1, '2026-01-13')]);
  }

  it('answers each manager the food safety of their own region’s stores, worst first, minutes-weighted', async () => {
    await syncStores();
    const east = await get<FoodSafetyOverview>(
      await login(central.url, 'wang', 'east-pw-1'),
      FOOD_SAFETY_ROUTES.overview,
    );
    expect(east.status).toBe(200);
    expect(east.body.from).toBe(NOW - 7 * DAY);
    expect(east.body.to).toBe(NOW);
    expect(east.body.stores.map((s) => [s.storeId, s.chain.status])).toEqual([
      // A rewritten chain first, whatever its other figures.
      ['sh-002', 'tampered'],
      ['sh-001', 'ok'],
    ]);
    const [jingan, square] = east.body.stores;
    expect(square).toEqual({
      storeId: 'sh-001',
      storeName: '上海人民广场店',
      regionId: 'east',
      regionName: '华东区',
      compliance: {
        storeDays: 2,
        controlPointDays: 3,
        minutes: 3 * 1440,
        inLimitMin: 3 * 1440 - 180,
        excusedMin: 0,
        outOfLimitMin: 60,
        noDataMin: 120,
        // (4320 − 180) / 4320
        compliancePct: 95.8,
        // The 12th failed at the walk-in though the freezer passed: one store day.
        daysFailed: 1,
        excursions: 1,
        missedChecks: 2,
      },
      openActions: 2,
      oldestOpenSince: OPENED,
      oldestOpenAgeMs: 5 * H,
      overdueActions: 1,
      escalatedToCentral: 0,
      openExcursions: 1,
      cooling: { batches: 2, failed: 1 },
      chain: { status: 'ok', headSeq: 48, headAt: 48_000, alerts: 0 },
    });
    expect(jingan).toMatchObject({
      compliance: { compliancePct: 50, daysFailed: 1, excursions: 2 },
      openActions: 0,
      oldestOpenSince: null,
      oldestOpenAgeMs: null,
      chain: { status: 'tampered', headSeq: 30, alerts: 1 },
    });
    // The region weighs every minute once: (4140 + 720) / 5760, not the mean of 95.8 % and 50 %.
    expect(east.body.regions).toEqual([
      {
        regionId: 'east',
        regionName: '华东区',
        stores: 2,
        compliance: expect.objectContaining({ minutes: 5760, compliancePct: 84.4, daysFailed: 2 }),
        openActions: 2,
        overdueActions: 1,
        tamperedStores: 1,
      },
    ]);

    const north = await get<FoodSafetyOverview>(
      await login(central.url, 'zhao', 'north-pw-1'),
      FOOD_SAFETY_ROUTES.overview,
    );
    expect(north.body.stores).toEqual([
      expect.objectContaining({
        storeId: 'bj-001',
        compliance: expect.objectContaining({ compliancePct: 100, daysFailed: 0 }),
        chain: { status: 'never_sent', headSeq: null, headAt: null, alerts: 0 },
      }),
    ]);
    const all = await get<FoodSafetyOverview>(admin, FOOD_SAFETY_ROUTES.overview);
    expect(all.body.stores.map((s) => s.storeId)).toEqual(['sh-002', 'sh-001', 'bj-001']);
    expect(all.body.regions.map((r) => [r.regionId, r.compliance.compliancePct])).toEqual([
      ['east', 84.4],
      ['north', 100],
    ]);
  });

  it('counts only the store days that started in the range, and refuses a range it cannot answer', async () => {
    await syncStores();
    // Only the 12th (it starts at 16:00 UTC on the 11th).
    const from = Date.parse('2026-01-12T00:00:00+08:00');
    const only12th = await get<FoodSafetyOverview>(
      admin,
      `${FOOD_SAFETY_ROUTES.overview}?from=${from}&to=${from + DAY}`,
    );
    expect(only12th.body.stores.find((s) => s.storeId === 'sh-001')?.compliance).toMatchObject({
      storeDays: 1,
      controlPointDays: 2,
      compliancePct: 97.9,
      missedChecks: 0,
    });
    expect(only12th.body.stores.find((s) => s.storeId === 'bj-001')?.compliance.compliancePct).toBeNull();

    expect((await get(admin, `${FOOD_SAFETY_ROUTES.overview}?from=${NOW}&to=${NOW}`)).status).toBe(400);
    expect((await get(admin, `${FOOD_SAFETY_ROUTES.overview}?from=${NOW - 93 * DAY}&to=${NOW}`)).status).toBe(
      400,
    );
  });

  it('lists a store’s excursions and corrective actions, and answers 404 outside the caller’s region', async () => {
    await syncStores();
    const wang = await login(central.url, 'wang', 'east-pw-1');
    const detail = await get<StoreFoodSafetyDetail>(
      wang,
      centralPath(FOOD_SAFETY_ROUTES.store, { storeId: 'sh-001' }),
    );
    expect(detail.status).toBe(200);
    expect(detail.body.store.overdueActions).toBe(1);
    expect(detail.body.excursions.map((e) => [e.id, e.endedAt])).toEqual([[40, null]]);
    // Open ones oldest first, then the signed-off one.
    expect(detail.body.correctiveActions.map((a) => [a.id, a.state])).toEqual([
      [41, 'open'],
      [43, 'open'],
      [61, 'signed_off'],
      [39, 'signed_off'],
    ]);
    expect(detail.body.correctiveActions[3]).toMatchObject({ by: 'manager-chen', disposition: 'moved' });
    // The batch that missed a stage first, though the one that passed is newer.
    expect(detail.body.cooling.map((b) => [b.id, b.state, b.stages.map((s) => s.result)])).toEqual([
      [60, 'failed', ['failed', 'skipped']],
      [70, 'passed', ['passed', 'passed']],
    ]);
    expect(detail.body.tamperAlerts).toEqual([]);
    // A month back: what is still open is listed whenever it began; nothing else is.
    const monthAgo = await get<StoreFoodSafetyDetail>(
      wang,
      `${centralPath(FOOD_SAFETY_ROUTES.store, { storeId: 'sh-001' })}?from=${NOW - 30 * DAY}&to=${NOW - 20 * DAY}`,
    );
    expect(monthAgo.body.excursions.map((e) => e.id)).toEqual([40]);
    expect(monthAgo.body.correctiveActions.map((a) => a.id)).toEqual([41, 43]);
    expect(monthAgo.body.store.compliance.compliancePct).toBeNull();
    expect(monthAgo.body.cooling).toEqual([]);

    const foreign = await get<{ error: string }>(
      wang,
      centralPath(FOOD_SAFETY_ROUTES.store, { storeId: 'bj-001' }),
    );
    expect(foreign.status).toBe(404);
    const missing = await get(wang, centralPath(FOOD_SAFETY_ROUTES.store, { storeId: 'sh-999' }));
    expect(missing.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it('shows the tamper alerts of the caller’s stores only, with both heads', async () => {
    await syncStores();
    const alerts = await get<TamperAlertList>(
      await login(central.url, 'wang', 'east-pw-1'),
      FOOD_SAFETY_ROUTES.tamperAlerts,
    );
    expect(alerts.body.alerts).toEqual([
      {
        storeId: 'sh-002',
        storeName: '上海静安店',
        regionId: 'east',
        regionName: '华东区',
        kind: 'rewritten',
        earlier: { eventSeq: 1, seq: 30, hash: hashOf(30), at: 30_000 },
        later: { eventSeq: 3, seq: 30, hash: hashOf(777), at: 30_000 },
        detectedAt: NOW,
      },
    ]);
    const north = await get<TamperAlertList>(
      await login(central.url, 'zhao', 'north-pw-1'),
      FOOD_SAFETY_ROUTES.tamperAlerts,
    );
    expect(north.body.alerts).toEqual([]);
    // The box going back to an honest-looking chain withdraws nothing.
    await sync('sh-002', [chainHead(4, 31), chainHead(5, 32)]);
    const again = await get<TamperAlertList>(admin, FOOD_SAFETY_ROUTES.tamperAlerts);
    expect(again.body.alerts).toHaveLength(1);
  });

  it('keeps food-safety records past two years: housekeeping deletes none of them', async () => {
    await syncStores();
    const later = NOW + 3 * 365 * DAY;
    await central.service.housekeeping.runOnce(later);
    // That run also ended every session of today.
    const token = await login(central.url, 'admin', ADMIN_PASSWORD);
    const then = await get<FoodSafetyOverview>(
      token,
      `${FOOD_SAFETY_ROUTES.overview}?from=${NOW - 7 * DAY}&to=${NOW}`,
    );
    expect(then.body.stores.find((s) => s.storeId === 'sh-001')?.compliance.controlPointDays).toBe(3);
    expect((await get<TamperAlertList>(token, FOOD_SAFETY_ROUTES.tamperAlerts)).body.alerts).toHaveLength(1);
    const events = await central.service.central.database.db
      .selectFrom('sync_events')
      .where('type', 'like', 'food_safety.%')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(events?.n)).toBe(20);
    const detail = (
      await get<StoreFoodSafetyDetail>(token, centralPath(FOOD_SAFETY_ROUTES.store, { storeId: 'sh-001' }))
    ).body;
    expect(detail.cooling).toHaveLength(2);
    expect(detail.checks).toHaveLength(3);
  });
});
