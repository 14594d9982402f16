import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  http,
  login,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../cloud-sync/central/testing/central-test-kit';
import {
  FIXTURE_STORE,
  fixtureSource,
  local,
} from '../edge/domains/food-safety/report/testing/report-fixture';
import { ReportArchiveJob } from '../edge/domains/food-safety/report-archive/report-archive-job';
import { type Database, openDatabase } from '../edge/store/database';
import { centralPath } from '../shared/central/api';
import {
  type ArchivedReportList,
  type ArchivedReportUpload,
  REPORT_ARCHIVE_ROUTES,
} from '../shared/central/food-safety-report-archive-api';
import { FakeClock } from '../shared/server/runtime/fake-clock';
import { silentLogger } from '../shared/server/runtime/logger';

const STORE = FIXTURE_STORE.id;
/** 02:00 on 1 December in Shanghai: November has closed in the store's zone (its UTC day is still 30 November). */
const AFTER_NOVEMBER = local('2026-12-01 02:00');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The file as a browser gets it (fetch unpacks gzip), with the headers that name it. */
async function download(url: string, token: string) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    disposition: response.headers.get('content-disposition'),
    type: response.headers.get('content-type'),
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)(
  'monthly food-safety report archive, box → central (%s) → regional page',
  (backend) => {
    let central: TestCentral;
    let edgeDir: string;
    let db: Database;
    let clock: FakeClock;
    let job: ReportArchiveJob;
    let wang: string; // regional manager, east (the store's region)
    let zhao: string; // regional manager, north
    const tokens: Record<string, string> = {};

    beforeEach(async () => {
      central = await startTestCentral(backend, { port: await freePort() });
      const admin = await login(central.url, 'admin', ADMIN_PASSWORD);
      const post = (path: string, body: unknown) => http(`${central.url}${path}`, { token: admin, body });
      await post('/api/admin/regions', { id: 'east', name: '华东区' });
      await post('/api/admin/regions', { id: 'north', name: '华北区' });
      await post('/api/admin/stores', { id: STORE, name: '测试厨房 徐汇', regionId: 'east' });
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
      for (const store of [STORE, 'bj-001']) {
        const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${store}/tokens`, {
          token: admin,
          method: 'POST',
        });
        tokens[store] = issued.body.token;
      }
      wang = await login(central.url, 'wang', 'east-pw-1');
      zhao = await login(central.url, 'zhao', 'north-pw-1');

      edgeDir = mkdtempSync(join(tmpdir(), 'galley-archive-'));
      db = openDatabase(edgeDir);
      clock = new FakeClock();
      clock.advanceTo(AFTER_NOVEMBER);
      job = new ReportArchiveJob({
        db,
        clock,
        logger: silentLogger(),
        source: fixtureSource(),
        central: { url: central.url, token: tokens[STORE] ?? '' },
        backoff: { baseMs: 60_000, maxMs: 3_600_000 },
        random: () => 0.5,
        timeoutMs: 5_000,
      });
    });

    afterEach(async () => {
      await job.stop();
      db.close();
      rmSync(edgeDir, { recursive: true, force: true });
      await central.stop();
    });

    const listOf = (token: string, storeId = STORE) =>
      http<ArchivedReportList>(`${central.url}${centralPath(REPORT_ARCHIVE_ROUTES.list, { storeId })}`, {
        token,
      });
    const fileUrl = (file: string, lang: string, storeId = STORE) =>
      `${central.url}${centralPath(REPORT_ARCHIVE_ROUTES.file, { storeId, file })}?lang=${lang}`;
    /** Every stored file, re-sends and re-renders included, straight from central's database. */
    const centralRows = async () => {
      const { db: centralDb } = central.service.central.database;
      const { rows } = await sql<{
        n: number | string;
      }>`SELECT count(*) AS n FROM food_safety_reports`.execute(centralDb);
      return Number(rows[0]?.n);
    };

    it('uploads a closed month once central is back, with matching sha256, and the PDF holds the excursions', async () => {
      // Central down: nothing listens on its port.
      await central.service.stop();
      const down = await job.runOnce(clock.now());
      expect(down).toEqual({ uploaded: 0, alreadyHeld: 0, deferred: true });
      expect(job.status.failures).toBe(1);
      const retryAt = job.status.retryAt ?? 0;
      expect(retryAt).toBe(AFTER_NOVEMBER + 45_000); // equal jitter at 0.5 of the 60 s first step

      await central.restart();
      // Back-off not over yet: the box does not try, central holds nothing.
      clock.advance(10_000);
      expect((await job.runOnce(clock.now())).deferred).toBe(true);
      expect(await centralRows()).toBe(0);

      clock.advanceTo(retryAt);
      const started = performance.now();
      const done = await job.runOnce(clock.now());
      const elapsedMs = performance.now() - started;
      // The last three closed months: September and October (no records there) and November.
      expect(done).toEqual({ uploaded: 12, alreadyHeld: 0, deferred: false });
      expect(job.status.retryAt).toBeNull();

      const listed = await listOf(wang);
      expect(listed.status).toBe(200);
      const november = listed.body.reports.filter((r) => r.month === '2026-11');
      expect(new Set(listed.body.reports.map((r) => r.month))).toEqual(
        new Set(['2026-09', '2026-10', '2026-11']),
      );
      expect(november.map((r) => `${r.month} ${r.format} ${r.lang}`).sort()).toEqual([
        '2026-11 csv en',
        '2026-11 csv zh-CN',
        '2026-11 pdf en',
        '2026-11 pdf zh-CN',
      ]);
      const noted = job.uploads.all();
      for (const report of november) {
        const file = await download(fileUrl(`${report.month}.${report.format}`, report.lang), wang);
        expect(file.status).toBe(200);
        expect(file.bytes.length).toBe(report.bytes);
        expect(sha256(file.bytes)).toBe(report.sha256);
        const note = noted.find(
          (n) => n.month === '2026-11' && n.format === report.format && n.lang === report.lang,
        );
        expect(note?.sha256).toBe(report.sha256);
        expect(note?.bytes).toBe(report.bytes);
        expect(file.disposition).toBe(
          `attachment; filename="food-safety_${STORE}_2026-11_${report.lang}.${report.format}"`,
        );
        expect(report.chainHash).toBe('ab12cd34ef56'.padEnd(64, '0'));
      }

      const pdf = await download(fileUrl('2026-11.pdf', 'en'), wang);
      expect(pdf.type).toBe('application/pdf');
      const pdfFile = join(edgeDir, 'nov.pdf');
      writeFileSync(pdfFile, pdf.bytes);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
      expect(text).toContain('Test Kitchen Xuhui (test-sh-009)');
      expect(text).toContain('2026-11-01 00:00 – 2026-12-01 00:00');
      expect(text).toContain('Started: 2026-11-01 14:00'); // the walk-in's 9.3 °C excursion
      expect(text).toContain('王丽 (mgr-1)'); // who signed its corrective action off
      const zhPdf = await download(fileUrl('2026-11.pdf', 'zh-CN'), wang);
      writeFileSync(pdfFile, zhPdf.bytes);
      expect(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' })).toContain(
        '测试厨房 徐汇 (test-sh-009)',
      );
      const csv = await download(fileUrl('2026-11.csv', 'zh-CN'), wang);
      expect(csv.type).toBe('text/csv; charset=utf-8');
      expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.bytes.toString('utf8')).toContain('9.3');
      console.info(
        `report-archive months=3 files=12 ms=${elapsedMs.toFixed(0)} 2026-11: ` +
          november.map((r) => `${r.format}/${r.lang}=${r.bytes}B`).join(' '),
      );
    }, 120_000);

    // The database does not change how the box schedules and resends: SQLite is enough here.
    it.skipIf(backend === 'postgres')(
      'on its own schedule: fails while central is down, then uploads at a later run',
      async () => {
        await central.service.stop();
        job.start(); // the first run starts at once
        await vi.waitFor(() => expect(job.status.failures).toBe(1), { timeout: 30_000 });
        await vi.waitFor(() => expect(job.running).toBe(false), { timeout: 30_000 });
        await central.restart();
        clock.advance(3_600_000); // the hourly run, past the back-off
        await vi.waitFor(() => expect(job.uploads.all()).toHaveLength(12), { timeout: 60_000 });
        await vi.waitFor(() => expect(job.running).toBe(false), { timeout: 30_000 });
        expect(job.status).toEqual({ failures: 1, retryAt: null, tooLarge: 0 });
        expect(await centralRows()).toBe(12);
      },
      120_000,
    );

    // The database does not change how the box schedules and resends: SQLite is enough here.
    it.skipIf(backend === 'postgres')(
      'sending again changes nothing; a lost note on the box re-sends the same files',
      async () => {
        expect((await job.runOnce(clock.now())).uploaded).toBe(12);
        expect(await job.runOnce(clock.now())).toEqual({ uploaded: 0, alreadyHeld: 0, deferred: false });
        expect(await centralRows()).toBe(12);
        // The box forgot what it sent (its note table emptied): the same records at the same
        // time make the same files, and central keeps one of each.
        db.exec('DELETE FROM food_safety_report_uploads');
        expect(await job.runOnce(clock.now())).toEqual({ uploaded: 0, alreadyHeld: 12, deferred: false });
        expect(await centralRows()).toBe(12);
      },
      120_000,
    );

    it('refuses another store’s token, a wrong sha256, and hides the store from another region', async () => {
      const file = Buffer.from('\ufeffsection,value\r\n', 'utf8');
      const upload: ArchivedReportUpload = {
        storeId: STORE,
        month: '2026-10',
        format: 'csv',
        lang: 'en',
        sha256: sha256(file),
        chainHead: { seq: 5, hash: 'ab'.repeat(32) },
        generatedAt: AFTER_NOVEMBER,
        gzipBase64: gzipSync(file).toString('base64'),
      };
      const send = (token: string, body: unknown) =>
        http<{ stored?: boolean; error?: string }>(`${central.url}${REPORT_ARCHIVE_ROUTES.upload}`, {
          token,
          body,
        });
      expect((await send(tokens['bj-001'] ?? '', upload)).status).toBe(403);
      expect((await send(tokens[STORE] ?? '', { ...upload, sha256: 'f'.repeat(64) })).status).toBe(400);
      expect(
        (await send(tokens[STORE] ?? '', { ...upload, gzipBase64: file.toString('base64') })).status,
      ).toBe(400);
      expect((await send(tokens[STORE] ?? '', { ...upload, extra: 1 })).status).toBe(400);
      expect((await send(wang, upload)).status).toBe(403); // a person's session is not a store token
      expect(await centralRows()).toBe(0);
      const first = await send(tokens[STORE] ?? '', upload);
      expect(first).toEqual({ status: 200, body: { stored: true, bytes: file.length } });
      expect((await send(tokens[STORE] ?? '', upload)).body).toEqual({ stored: false, bytes: file.length });
      expect(await centralRows()).toBe(1);

      // Another region's manager: the store does not exist for them, list and file alike.
      expect((await listOf(zhao)).status).toBe(404);
      expect((await download(fileUrl('2026-10.csv', 'en'), zhao)).status).toBe(404);
      expect((await download(fileUrl('2026-10.csv', 'en'), wang)).bytes).toEqual(file);
      expect((await download(fileUrl('2026-09.csv', 'en'), wang)).status).toBe(404);
      expect((await download(fileUrl('2026-10.xls', 'en'), wang)).status).toBe(400);
      expect((await listOf(wang, 'bj-001')).status).toBe(404);
    }, 60_000);

    // The database does not change how the box schedules and resends: SQLite is enough here.
    it.skipIf(backend === 'postgres')(
      'after downtime uploads the last three closed months only',
      async () => {
        clock.advanceTo(local('2027-03-10 09:00'));
        const caughtUp = await job.runOnce(clock.now());
        expect(caughtUp).toEqual({ uploaded: 12, alreadyHeld: 0, deferred: false });
        const months = new Set((await listOf(wang)).body.reports.map((r) => r.month));
        expect([...months].sort()).toEqual(['2026-12', '2027-01', '2027-02']);
      },
      120_000,
    );
  },
);
