import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv, section } from '../../../../shared/server/testing/parse-csv';
import { type ApiFixture, bearer, createApiFixture } from '../../../api/testing/api-fixture';
import { foodSafetyReportRoutes } from './report-routes';
import { FIXTURE_NOW, fixtureSource } from './testing/report-fixture';

describe('GET /api/food-safety/report', () => {
  let f: ApiFixture;
  afterEach(async () => f.close());

  async function setup() {
    f = await createApiFixture({
      routes: foodSafetyReportRoutes({ source: fixtureSource(), clock: { now: () => FIXTURE_NOW } }),
    });
    return {
      manager: bearer(await f.tokenFor('manager')),
      admin: bearer(await f.tokenFor('admin')),
      staff: bearer(await f.tokenFor('staff')),
      display: bearer(await f.tokenFor('display')),
    };
  }
  const get = (url: string, headers: Record<string, string>) =>
    f.server.inject({ method: 'GET', url, headers });

  it('gives the person in charge a CSV or a PDF to download', async () => {
    const { manager, admin } = await setup();
    const csv = await get(
      '/api/food-safety/report?from=2026-11-01&to=2026-11-03&format=csv&lang=en',
      manager,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="food-safety_test-sh-009_2026-11-01_2026-11-03.csv"',
    );
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.body.slice(1));
    expect(rows[2]).toEqual(['Period', '2026-11-01 00:00', '2026-11-04 00:00']);
    expect(section(rows, 'Excursions and corrective actions').rows).toHaveLength(3);

    const pdf = await get(
      `/api/food-safety/report?from=${Date.parse('2026-11-02T00:00:00+08:00')}&to=2026-11-02T12:00:00Z&format=pdf&controlPoint=hot-1`,
      admin,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      'attachment; filename="food-safety_test-sh-009_hot-1_2026-11-02_2026-11-02.pdf"',
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The security headers every answer carries still come along.
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
  });

  it('is for managers and admins', async () => {
    const { staff, display } = await setup();
    const url = '/api/food-safety/report?from=2026-11-01&to=2026-11-03&format=csv';
    expect((await get(url, staff)).statusCode).toBe(403);
    expect((await get(url, display)).statusCode).toBe(403);
    expect((await get(url, {})).statusCode).toBe(401);
  });

  it('refuses a bad range or an unknown control point in both languages', async () => {
    const { manager } = await setup();
    const unreadable = await get('/api/food-safety/report?from=yesterday&to=2026-11-03', manager);
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json().issues[0]).toMatch(/query\.from: a store day .* \/ 应为门店日期/);

    const reversed = await get('/api/food-safety/report?from=2026-11-03&to=2026-11-01', manager);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().messages).toEqual({
      en: '`to` must be after `from`',
      'zh-CN': '结束时间 `to` 必须晚于开始时间 `from`',
    });

    const long = await get('/api/food-safety/report?from=2025-01-01&to=2026-11-01', manager);
    expect(long.statusCode).toBe(400);
    expect(long.json().messages.en).toMatch(/at most 400 days/);
    expect(long.json().messages['zh-CN']).toMatch(/最多覆盖 400 天/);
    // 400 days to the day is allowed: 2025-10-01 through 2026-11-04.
    expect(
      (await get('/api/food-safety/report?from=2025-10-01&to=2026-11-04&format=csv', manager)).statusCode,
    ).toBe(200);

    const badFormat = await get('/api/food-safety/report?from=2026-11-01&to=2026-11-03&format=xlsx', manager);
    expect(badFormat.statusCode).toBe(400);

    const unknown = await get(
      '/api/food-safety/report?from=2026-11-01&to=2026-11-03&controlPoint=nope',
      manager,
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().messages['zh-CN']).toContain('没有控制点 "nope"');
  });
});
