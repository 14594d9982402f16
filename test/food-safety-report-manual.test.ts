import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherFoodSafetyReport } from '../edge/domains/food-safety/report/food-safety-report';
import { renderReportCsv } from '../edge/domains/food-safety/report/report-csv';
import { manualWordsFor } from '../edge/domains/food-safety/report/report-manual-text';
import { renderReportPdf } from '../edge/domains/food-safety/report/report-pdf';
import { serviceReportSource } from '../edge/domains/food-safety/report/service-report-source';
import { FoodSafetyRig } from '../edge/domains/food-safety/testing/food-safety-kit';
import type { Locale } from '../shared/localized-text';
import { parseCsv, section } from '../shared/server/testing/parse-csv';

const H = 60;
let rig: FoodSafetyRig;
let dir: string;

/**
 * A known day of the demo store's manual checks and time-controlled food: the thermometer
 * verified at 09:03, the fries at 58 °C at 11:35 (out of limit, signed off as discarded),
 * the nuggets' 11:30 check missed, and a potato salad out of temperature control at 10:00
 * that expired at 14:00.
 */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'galley-fs-manual-'));
  rig = new FoodSafetyRig();
  const r = rig;
  r.run(9 * H + 3, () => ({}));
  r.service.enterCheck('probe-thermometer', { slotAt: r.at(9 * H), valueC: -0.5 }, 'staff-chen');
  r.run(10 * H, () => ({}));
  r.service.timeBatches.start({ product: 'Potato salad', option: 'four-hours', startC: 4 }, 'staff-chen');
  r.run(11 * H + 35, () => ({}));
  const fries = r.service.enterCheck('fries-hold', { slotAt: r.at(11 * H + 30), valueC: 58 }, 'staff-chen');
  r.service.signOff(
    fries.actionId ?? 0,
    {
      whatDone: 'Fries thrown away, cabinet reset',
      disposition: 'discarded',
      quantity: { amount: 2, unit: 'kg' },
    },
    { id: 'mgr-li', roles: ['manager'] },
  );
  r.run(14 * H + 5, () => ({}));
}, 120_000);

afterAll(() => {
  rig.close();
  rmSync(dir, { recursive: true, force: true });
});

async function reportOf(lang: Locale): Promise<{ csv: string[][]; pdf: string }> {
  const source = serviceReportSource(rig.service, () => rig.config);
  const report = await gatherFoodSafetyReport(
    source,
    { from: rig.at(0), to: rig.at(24 * H) },
    rig.clock.now(),
  );
  const csv = parseCsv([...renderReportCsv(report, lang)].join('').replace(/^\uFEFF/, ''));
  const file = join(dir, `report-${lang}.pdf`);
  writeFileSync(file, await renderReportPdf(report, lang));
  const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
  return { csv, pdf };
}

describe('the food-safety report holds the manual checks, missed ones, and food held under time as the control', () => {
  for (const lang of ['en', 'zh-CN'] as const)
    it(`every check slot of the day, with its value or MISSED, and the expired batch (${lang})`, async () => {
      const m = manualWordsFor(lang);
      const { csv, pdf } = await reportOf(lang);
      const checks = section(csv, m.checks);
      const col = (name: string) => checks.header.indexOf(name);
      expect(
        checks.rows.map((r) => [r[col(m.due)]?.slice(11), r[col('id')], r[col(m.result)], r[col('°C')]]),
      ).toEqual([
        ['09:00', 'probe-thermometer', m.inLimit, '-0.5'],
        ['11:30', 'fries-hold', m.outOfLimit, '58'],
        ['11:30', 'nuggets-hold', m.missed, ''],
      ]);
      const fries = checks.rows[1] ?? [];
      // The corrective action it opened, signed off by the manager.
      expect(fries.some((cell) => cell.includes('(mgr-li)'))).toBe(true);
      const time = section(csv, m.time);
      const tcol = (name: string) => time.header.indexOf(name);
      expect(time.rows).toHaveLength(1);
      expect(time.rows[0]?.[tcol(m.outcome)]).toBe(m.stateOf.expired);
      expect(time.rows[0]?.[1]).toBe('Potato salad');

      expect(pdf).toContain(m.checks);
      expect(pdf).toContain(m.checksSummary(3, 2, 1, 1));
      expect(pdf).toContain(m.missed);
      expect(pdf).toContain(m.outOfLimit);
      expect(pdf).toContain('Fries thrown away, cabinet reset');
      expect(pdf).toContain(m.time);
      expect(pdf).toContain('Potato salad');
      expect(pdf).toContain(m.timeSummary(1, 1));
      expect(pdf).toContain(lang === 'en' ? 'Fries in holding cabinet 1' : '保温柜 1 中的薯条');
    }, 60_000);
});
