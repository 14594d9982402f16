import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FoodSafetyReport, gatherFoodSafetyReport } from './food-safety-report';
import { FoodSafetyReportError } from './report-errors';
import { renderReportPdf } from './report-pdf';
import { FIXTURE_NOW, FIXTURE_RANGE, fixtureSource } from './testing/report-fixture';

const dir = mkdtempSync(join(tmpdir(), 'galley-fs-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF read back by poppler, as an inspector's tools would: whitespace runs made one space. */
async function pdfText(
  report: FoodSafetyReport,
  lang: 'en' | 'zh-CN',
): Promise<{ text: string; info: string }> {
  const file = join(dir, `report-${lang}.pdf`);
  writeFileSync(file, await renderReportPdf(report, lang));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text: text.replace(/\s+/g, ' '), info };
}

describe('food-safety report as PDF', () => {
  const source = fixtureSource();
  let report: FoodSafetyReport;
  let days: FoodSafetyReport['controlPoints'][number]['days'];
  beforeAll(async () => {
    report = await gatherFoodSafetyReport(source, FIXTURE_RANGE, FIXTURE_NOW);
    days = report.controlPoints.flatMap((p) => p.days);
  });

  it('prints every excursion, compliance figure and signer in English', async () => {
    const { text, info } = await pdfText(report, 'en');
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
    expect(info).toMatch(/Pages:\s+4/);
    expect(text).toContain('Food safety records (HACCP)');
    expect(text).toContain('Test Kitchen Xuhui (test-sh-009)');
    expect(text).toContain('2026-11-01 00:00 – 2026-11-04 00:00');
    for (const day of days)
      expect(text).toContain(`${day.compliancePct.toFixed(1)} ${day.pass ? 'Pass' : 'Fail'}`);
    expect(text).toContain('97.3'); // the cooler over the three days: 4 205 of 4 320 minutes in limit
    for (const e of report.excursions) expect(text).toContain(`#${e.id} ${e.title.en.split(' for ')[0]}`);
    expect(text).toContain('Started: 2026-11-01 14:00');
    expect(text).toContain('Ended: still out of limit');
    expect(text).toContain('王丽 (mgr-1) 2026-11-01 16:05');
    expect(text).toContain('Chen Jing (admin-1) 2026-11-02 13:00');
    expect(text).toContain('NOT SIGNED OFF');
    expect(text).toContain('Product disposition: discarded 12.5 kg');
    expect(text).toContain('Core temperature probe check');
    // The limit tightened on the 2nd at noon: both are listed.
    expect(text).toMatch(/2026-11-01 00:00 ≤ 5 °C 30 min .*2026-11-02 12:00 ≤ 4 °C 30 min/);
    for (let page = 1; page <= 4; page++) expect(text).toContain(`Page ${page} of 4`);
    expect(text.match(/Record chain head #13064 ab12cd34ef560000/g)).toHaveLength(4);
    expect(text.match(/Generated 2026-11-04 09:30 \(Asia\/Shanghai\)/g)).toHaveLength(4);
  });

  it('prints the same in Chinese for zh-CN', async () => {
    const { text } = await pdfText(report, 'zh-CN');
    expect(text).toContain('食品安全记录（HACCP）');
    expect(text).toContain('测试厨房 徐汇 (test-sh-009)');
    for (const day of days)
      expect(text).toContain(
        `${day.compliancePct.toFixed(1)} ${day.pass ? '合格' : `不合格 (${day.excursions.length})`}`,
      );
    expect(text).toContain('#1000 冷藏库高于 5 °C 超过 30 分钟');
    expect(text).toContain('#1010 保温柜低于 60 °C 超过 30 分钟');
    expect(text).toContain('#1001 冷藏库高于 4 °C 超过 30 分钟');
    expect(text).toContain('结束: 仍在超限');
    expect(text).toContain('王丽 (mgr-1) 2026-11-01 16:05');
    expect(text).toContain('Chen Jing (admin-1) 2026-11-02 13:00');
    expect(text).toContain('未签核');
    expect(text).toContain('产品处置: 丢弃 12.5 千克');
    expect(text).toContain('产品处置: 转移 14 份 → hot-2');
    expect(text).toContain('中心温度探针检查');
    for (let page = 1; page <= 4; page++) expect(text).toContain(`第 ${page} 页，共 4 页`);
    expect(text.match(/记录链头 #13064 ab12cd34ef560000/g)?.length).toBeGreaterThanOrEqual(4);
    expect(text).not.toMatch(/Page \d|Pass|Fail/);
  });

  it('is the same file when made twice from the same records at the same time', async () => {
    const [a, b] = await Promise.all([renderReportPdf(report, 'en'), renderReportPdf(report, 'en')]);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });

  it('says to install fonts-noto-cjk when the CJK font is missing, in both languages', async () => {
    const missing = {
      regular: { path: join(dir, 'NotoSansCJK-Regular.ttc'), family: 'NotoSansCJKsc-Regular' },
    };
    const refused = renderReportPdf(report, 'en', missing);
    await expect(refused).rejects.toBeInstanceOf(FoodSafetyReportError);
    await expect(refused).rejects.toMatchObject({
      code: 'FONT_MISSING',
      messages: {
        en: expect.stringContaining('apt-get install fonts-noto-cjk'),
        'zh-CN': expect.stringContaining('fonts-noto-cjk'),
      },
    });
  });
});
