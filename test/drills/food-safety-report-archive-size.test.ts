import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCentral, type TestCentral } from '../../cloud-sync/central/testing/central-test-kit';
import { gatherFoodSafetyReport } from '../../edge/domains/food-safety/report/food-safety-report';
import { ReportArchiveClient } from '../../edge/domains/food-safety/report-archive/archive-client';
import { renderArchiveFile } from '../../edge/domains/food-safety/report-archive/archive-file';
import { ARCHIVE_FILES } from '../../edge/domains/food-safety/report-archive/report-archive-job';
import { ARCHIVED_REPORT_MAX_PACKED_BYTES } from '../../shared/central/food-safety-report-archive-api';
import { syntheticMonthSource } from '../bench/food-safety-report-bench';

let central: TestCentral | undefined;
afterEach(async () => {
  await central?.stop();
  central = undefined;
});

describe('the archive’s bounds against a large store', () => {
  it('a month of a 20-unit store fits: every file packed well under the limit, and central takes the CSV', async () => {
    const { source, range } = syntheticMonthSource(20, 30);
    const report = await gatherFoodSafetyReport(source, range, range.to + 3_600_000);
    const figures: string[] = [];
    const sizes: { format: string; packed: number; bytes: number }[] = [];
    let csv: Awaited<ReturnType<typeof renderArchiveFile>> | undefined;
    for (const { format, lang } of ARCHIVE_FILES) {
      const started = performance.now();
      const file = await renderArchiveFile(report, format, lang);
      const seconds = (performance.now() - started) / 1000;
      figures.push(
        `${format}/${lang} s=${seconds.toFixed(1)} bytes=${file.bytes} packed=${file.gzip.length}`,
      );
      sizes.push({ format, packed: file.gzip.length, bytes: file.bytes });
      if (format === 'csv') csv = file;
    }
    console.info(`report-archive 20 units × 30 days: ${figures.join('; ')}`);
    for (const { format, packed, bytes } of sizes) {
      // Room to spare: a store twice as large still fits.
      expect(packed).toBeLessThan(ARCHIVED_REPORT_MAX_PACKED_BYTES / 2);
      if (format === 'csv') expect(bytes).toBeGreaterThan(20 * 30 * 1440 * 20); // the minute log is in it
    }

    // 11.6 MB of JSON once base64: central takes it.
    central = await startTestCentral('sqlite');
    await central.service.central.directory.addRegion('east', '华东区');
    await central.service.central.directory.addStore({
      id: 'bench-store',
      name: '基准门店',
      regionId: 'east',
    });
    const { token } = await central.service.central.tokens.issue('bench-store');
    const client = new ReportArchiveClient({ url: central.url, token }, 60_000);
    if (!csv) throw new Error('no CSV made');
    const ack = await client.upload({
      storeId: 'bench-store',
      month: '2026-11',
      format: 'csv',
      lang: 'en',
      sha256: csv.sha256,
      chainHead: { seq: report.chainHead.seq, hash: report.chainHead.hash },
      generatedAt: report.generatedAt,
      gzipBase64: csv.gzip.toString('base64'),
    });
    expect(ack).toEqual({ stored: true, bytes: csv.bytes });

    // A file that does not pack (14 MiB of noise): over central's 16 MiB default once base64,
    // under the upload route's own limit, so it is stored.
    const noise = randomBytes(14 * 1024 * 1024);
    const packed = gzipSync(noise, { level: 1 });
    expect(Math.ceil(packed.length / 3) * 4).toBeGreaterThan(16 * 1024 * 1024);
    const big = await client.upload({
      storeId: 'bench-store',
      month: '2026-10',
      format: 'pdf',
      lang: 'en',
      sha256: createHash('sha256').update(noise).digest('hex'),
      chainHead: { seq: 1, hash: 'ab'.repeat(32) },
      generatedAt: report.generatedAt,
      gzipBase64: packed.toString('base64'),
    });
    expect(big).toEqual({ stored: true, bytes: noise.length });
  }, 240_000);
});
