import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centralPath } from '../../../shared/central/api';
import { FOOD_SAFETY_ROUTES } from '../../../shared/central/food-safety-api';
import { parseCsv, section } from '../../../shared/server/testing/parse-csv';
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
  coolingBatch,
  correctiveAction,
  day,
  excursion,
  passedBatch,
  signedOff,
} from './testing/food-safety-events';

afterAll(releaseSharedPostgres, 60_000);

const H = 3_600_000;
const DAY = 24 * H;
/** 12:00 in Shanghai on 14 January: the 12th and 13th are closed store days. */
const NOW = Date.UTC(2026, 0, 14, 4);
const FAILED_T0 = NOW - 30 * H;
const PASSED_T0 = NOW - 20 * H;

describe.each(BACKENDS)('central’s food-safety records CSV on %s', (backend) => {
  let central: TestCentral;
  let wang: string;

  beforeEach(async () => {
    central = await startTestCentral(backend);
    central.clock.advanceTo(NOW);
    const admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const post = (path: string, body: unknown) => http(`${central.url}${path}`, { token: admin, body });
    await post('/api/admin/regions', { id: 'east', name: '华东区' });
    await post('/api/admin/regions', { id: 'north', name: '华北区' });
    await post('/api/admin/stores', { id: 'sh-001', name: '上海人民广场店', regionId: 'east' });
    await post('/api/admin/stores', { id: 'bj-001', name: '北京国贸店', regionId: 'north' });
    await post('/api/admin/users', {
      username: 'wang',
      password: 'east-pw-1',
      role: 'regional_manager',
      regionId: 'east',
    });
    const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/sh-001/tokens`, {
      token: admin,
      method: 'POST',
    });
    // sh-001: two closed days at two control points, an excursion still going with its
    // action, one signed off, and two cooling batches (one missed stage 1 and was reheated).
    const answer = await postBatch(
      central.url,
      issued.body.token,
      batchOf('sh-001', [
        excursion(2, { startedAt: NOW - 5 * H - 35 * 60_000 }),
        correctiveAction(3, { openedAt: NOW - 5 * H }),
        day(4, '2026-01-12', { out: 60, excursions: 1, pass: false }),
        day(5, '2026-01-12', { controlPointId: 'freezer', name: { en: 'Freezer', 'zh-CN': '冷冻柜' } }),
        day(6, '2026-01-13', { noData: 120, missedChecks: 2 }),
        correctiveAction(7, { id: 43, seq: 43, excursionId: 42, openedAt: NOW - H }),
        correctiveAction(8, { id: 39, seq: 39, excursionId: 38, openedAt: NOW - 2 * DAY }),
        signedOff(9, { id: 39, seq: 48, amends: 39, excursionId: 38, openedAt: NOW - 2 * DAY }),
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
      ]),
    );
    expect(answer.status).toBe(200);
    wang = await login(central.url, 'wang', 'east-pw-1');
  });
  afterEach(async () => {
    await central.stop();
  });

  it('gives a store’s records at central as a CSV in either language, and only within the caller’s region', async () => {
    const download = (storeId: string, query = '') =>
      fetch(`${central.url}${centralPath(FOOD_SAFETY_ROUTES.storeRecordsCsv, { storeId })}${query}`, {
        headers: { authorization: `Bearer ${wang}` },
      });
    const from = Date.parse('2026-01-12T00:00:00+08:00');
    const en = await download('sh-001', `?from=${from}&to=${NOW}&lang=en`);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(en.headers.get('content-disposition')).toBe(
      'attachment; filename="food-safety-central_sh-001_2026-01-11_2026-01-14.csv"',
    );
    const bytes = new Uint8Array(await en.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The byte-order mark checked, the rest read as text (the decoder drops the mark).
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(['Food safety records held by central']);
    // The store's days say where its midnight falls: Shanghai, UTC+08:00.
    expect(rows).toContainEqual(['Times are store-local (UTC+08:00)']);
    expect(rows).toContainEqual(['Period', '2026-01-12 00:00', '2026-01-14 12:00']);
    const days = section(rows, 'Daily compliance');
    expect(days.rows.map((r) => [r[1], r[3], r[10]])).toEqual([
      ['freezer', '2026-01-12', 'Pass'],
      ['walkin-cold', '2026-01-12', 'Fail'],
      ['walkin-cold', '2026-01-13', 'Pass'],
    ]);
    expect(section(rows, 'Excursions').rows.map((r) => [r[0], r[4]])).toEqual([['40', 'still out of limit']]);
    const actions = section(rows, 'Corrective actions');
    expect(actions.rows.map((r) => r[0])).toEqual(['39', '61', '41', '43']);
    const reheated = actions.rows[1] ?? [];
    expect(reheated.slice(0, 4)).toEqual(['61', '60', 'cooling', 'signed off']);
    // Typed text that looks like a formula stays text in a spreadsheet.
    expect(reheated).toContain("'=reheated to 74 °C");
    expect(reheated).toContain('reheated and re-cooled');
    expect(reheated).toContain('manager-chen');
    const cooling = section(rows, 'Cooling batches');
    const col = (name: string) => cooling.header.indexOf(name);
    expect(cooling.rows.map((r) => [r[0], r[1], r[col('State')]])).toEqual([
      ['60', 'Chicken stock, "house"', 'failed'],
      ['70', '红烧肉', 'passed'],
    ]);
    expect(cooling.rows[0]?.[col('Stage 1 Result')]).toBe('FAIL');
    expect(cooling.rows[0]?.[col('Stage 1 at')]).toBe('2026-01-13 08:00');
    expect(cooling.rows[0]?.[col('Stage 1 °C')]).toBe('22');
    expect(cooling.rows[1]?.[col('Stage 2 Result')]).toBe('PASS');

    const zh = parseCsv(await (await download('sh-001', `?from=${from}&to=${NOW}`)).text());
    expect(zh[0]).toEqual(['总部留存的食品安全记录']);
    const zhCooling = section(zh, '冷却批次');
    expect(zhCooling.rows.map((r) => r[zhCooling.header.indexOf('第 1 阶段 结论')])).toEqual([
      '不合格',
      '合格',
    ]);
    expect(section(zh, '纠正措施').rows[1]).toContain('重新加热并冷却');

    expect((await download('bj-001')).status).toBe(404);
    expect((await download('sh-001', `?from=${NOW}&to=${NOW}`)).status).toBe(400);
    expect((await download('sh-001', '?lang=fr')).status).toBe(400);
  });
});
