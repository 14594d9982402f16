import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { CorrectiveActionView, ExcursionView } from '../../../../shared/api/food-safety';
import type { Locale } from '../../../../shared/localized-text';
import { drawChart } from './chart-drawing';
import { chartSeries } from './chart-series';
import { type ControlPointReport, type FoodSafetyReport, yieldToEventLoop } from './food-safety-report';
import { LocalTime } from './local-time';
import { type Cell, type Column, PdfLayout } from './pdf-layout';
import { FoodSafetyReportError } from './report-errors';
import { coolingSection } from './report-pdf-cooling';
import { checksSection, timeSection } from './report-pdf-manual';
import { celsius, localized, percent, type ReportWords, wordsFor } from './report-text';

/** Debian's fonts-noto-cjk: one font for both languages, so a Chinese name in an English report still prints. */
export const CJK_FONT = {
  regular: {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    family: 'NotoSansCJKsc-Regular',
  },
  bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', family: 'NotoSansCJKsc-Bold' },
};

export interface PdfFonts {
  regular: { path: string; family: string };
  /** the regular one stands in when the bold file is absent */
  bold?: { path: string; family: string };
}

const GREEN = '#1a7f37';
const RED = '#b42318';
/** Columns the chart folds the range into: about one per point of its width. */
const CHART_COLUMNS = 480;

/**
 * The report as an A4 PDF an inspector can file: a title page with the summary per
 * control point and the missed checks, then a section per control point (its limit and
 * clause, the temperature chart, the daily compliance, every excursion with its
 * corrective action and who signed it), page numbers, and in every footer the time it
 * was made and the record chain head to check a printout against the box.
 */
export async function renderReportPdf(
  report: FoodSafetyReport,
  lang: Locale,
  fonts: PdfFonts = CJK_FONT,
): Promise<Buffer> {
  if (!existsSync(fonts.regular.path))
    throw new FoodSafetyReportError('FONT_MISSING', {
      en: `the PDF report needs the CJK font ${fonts.regular.path}: install it with "apt-get install fonts-noto-cjk" (Debian package fonts-noto-cjk)`,
      'zh-CN': `PDF 报告需要中文字体 ${fonts.regular.path}：请用 "apt-get install fonts-noto-cjk" 安装 Debian 软件包 fonts-noto-cjk`,
    });
  const bold = fonts.bold && existsSync(fonts.bold.path) ? fonts.bold : fonts.regular;
  const w = wordsFor(lang);
  const time = new LocalTime(report.store.timeZone);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 54, bottom: 54, left: 42, right: 42 },
    bufferPages: true,
    // A report made twice from the same records at the same time is the same file.
    info: {
      Title: `${w.title} · ${localized(report.store.name, lang)}`,
      Author: 'Galley',
      Subject: `${report.store.id} ${time.dateTime(report.range.from)} – ${time.dateTime(report.range.to)}`,
      CreationDate: new Date(report.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fonts.regular.path, fonts.regular.family);
  doc.registerFont('bold', bold.path, bold.family);
  const layout = new PdfLayout(doc);

  titlePage(layout, report, w, lang, time);
  // No batch: one line on the title page; batches: their own pages after the control points.
  if (report.cooling.length === 0) coolingSection(layout, report, lang, time);
  for (const point of report.controlPoints) {
    // Each section reads its control point's records for the chart: the box keeps ingesting in between.
    await yieldToEventLoop();
    controlPointSection(layout, report, point, w, lang, time);
  }
  if (report.cooling.length > 0) coolingSection(layout, report, lang, time);
  footers(layout, report, w, lang, time);
  doc.end();
  return done;
}

function titlePage(
  l: PdfLayout,
  report: FoodSafetyReport,
  w: ReportWords,
  lang: Locale,
  time: LocalTime,
): void {
  l.title(w.title);
  l.fields([
    [w.store, `${localized(report.store.name, lang)} (${report.store.id})`],
    [w.range, `${time.dateTime(report.range.from)} – ${time.dateTime(report.range.to)}`],
    [w.timeZone, `${report.store.timeZone} (${time.offsetLabel(report.range.from)})`],
    [w.generatedAt, time.dateTime(report.generatedAt)],
    [w.chainHead, `#${report.chainHead.seq} · ${report.chainHead.hash.slice(0, 16)}`],
  ]);
  l.gap(8);
  l.heading(w.summary);
  const columns: Column[] = [
    { header: w.controlPoint, width: 138 },
    { header: w.limit, width: 70 },
    { header: w.compliancePct, width: 72, align: 'right' },
    { header: w.daysPassed, width: 52, align: 'right' },
    { header: w.daysFailed, width: 52, align: 'right' },
    { header: w.excursionCount, width: 55, align: 'right' },
    { header: w.openActionCount, width: 72, align: 'right' },
  ];
  l.table(
    columns,
    report.controlPoints.map(({ controlPoint: cp, summary: s }): Cell[] => [
      `${localized(cp.name, lang)} (${cp.id})`,
      `${w.boundOf[cp.limit.bound]} ${celsius(cp.limit.limitC)} °C`,
      s.compliancePct === null ? '—' : percent(s.compliancePct),
      String(s.daysPassed + s.daysPending),
      { text: String(s.daysFailed), color: s.daysFailed > 0 ? RED : undefined, bold: s.daysFailed > 0 },
      String(s.excursions),
      { text: String(s.openActions), color: s.openActions > 0 ? RED : undefined, bold: s.openActions > 0 },
    ]),
  );
  l.note(w.summaryNote);
  l.gap(10);
  checksSection(l, report, lang, time);
  timeSection(l, report, lang, time);
}

function controlPointSection(
  l: PdfLayout,
  report: FoodSafetyReport,
  point: ControlPointReport,
  w: ReportWords,
  lang: Locale,
  time: LocalTime,
): void {
  const cp = point.controlPoint;
  const excursions = report.excursions.filter((e) => e.controlPointId === cp.id);
  const series = chartSeries(
    report.minuteLogs(cp.id),
    report.range,
    CHART_COLUMNS,
    cp.limit.bound,
    excursions,
  );
  l.newPage();
  l.heading(`${w.controlPoint}: ${localized(cp.name, lang)} (${cp.id})`, 13);
  l.fields([
    [w.equipment, `${cp.equipmentId} · ${cp.metric}`],
    [
      w.limit,
      `${w.boundOf[cp.limit.bound]} ${celsius(cp.limit.limitC)} °C — ${localized(cp.limit.title, lang)}; ${w.alertDelay} ${cp.alertDelayMin} min; ${w.recordEvery} ${cp.recordEveryMin} min`,
    ],
    [w.pack, `${localized(cp.pack.title, lang)} (${cp.pack.edition})`],
    [w.clause, `${cp.limit.clause.ref} ${localized(cp.limit.clause.title, lang)}`],
    [
      w.summary,
      `${w.compliancePct} ${point.summary.compliancePct === null ? '—' : percent(point.summary.compliancePct)} · ${w.daysPassed} ${point.summary.daysPassed + point.summary.daysPending} · ${w.daysFailed} ${point.summary.daysFailed} · ${w.excursionSummary(point.summary.excursions, point.summary.openActions)}`,
    ],
  ]);
  if (series.limits.length > 1) {
    l.subheading(w.limitsInForce);
    l.table(
      [
        { header: w.started, width: 90 },
        { header: w.limit, width: 70 },
        { header: w.alertDelay, width: 70, align: 'right' },
        { header: w.pack, width: 130 },
        { header: w.clause, width: 90 },
        { header: w.recordSeq, width: 61, align: 'right' },
      ],
      series.limits.map((limit): Cell[] => [
        time.dateTime(limit.recordedAt),
        `${w.boundOf[limit.bound]} ${celsius(limit.limitC)} °C`,
        `${limit.alertDelayMin} min`,
        `${limit.pack} (${limit.packEdition})`,
        limit.clause,
        String(limit.seq),
      ]),
    );
  }
  l.subheading(`${w.chart} (°C)`);
  const box = l.reserve(190);
  if (series.records === 0) l.paragraphAt(w.noRecords, box);
  else drawChart(l.doc, series, box, w, time);

  l.subheading(w.dailySummaryMinutes);
  l.table(
    [
      { header: w.day, width: 70 },
      { header: w.inLimit, width: 68, align: 'right' },
      { header: w.excused, width: 62, align: 'right' },
      { header: w.outOfLimit, width: 68, align: 'right' },
      { header: w.noData, width: 68, align: 'right' },
      { header: w.compliancePct, width: 74, align: 'right' },
      { header: w.result, width: 101 },
    ],
    point.days.map((d): Cell[] => [
      d.day,
      String(d.inLimitMin),
      String(d.excusedMin),
      { text: String(d.outOfLimitMin), color: d.outOfLimitMin > 0 ? RED : undefined },
      String(d.noDataMin),
      percent(d.compliancePct),
      d.pass
        ? { text: d.notYetMin > 0 ? w.pending : w.pass, color: GREEN }
        : { text: `${w.fail} (${d.excursions.length})`, color: RED, bold: true },
    ]),
    9,
  );

  l.subheading(w.excursions);
  if (excursions.length === 0) {
    l.paragraph(w.noExcursions);
    return;
  }
  const actions = report.actions.filter((a) => a.controlPointId === cp.id);
  l.table(
    [
      { header: w.excursion, width: 165 },
      { header: w.correctiveActions, width: 220 },
      { header: w.signedBy, width: 126 },
    ],
    excursions.map((e) => excursionRow(e, actions, report, w, lang, time)),
  );
}

function excursionRow(
  e: ExcursionView,
  actions: readonly CorrectiveActionView[],
  report: FoodSafetyReport,
  w: ReportWords,
  lang: Locale,
  time: LocalTime,
): Cell[] {
  const ended = e.endedAt === null ? w.stillOpen : time.dateTime(e.endedAt);
  const what = [
    `#${e.id} ${localized(e.title, lang)}`,
    `${w.started}: ${time.dateTime(e.startedAt)}`,
    `${w.ended}: ${ended}`,
    `${w.minutes}: ${e.minutes} · ${w.worst}: ${celsius(e.worstC)} · ${w.limit}: ${w.boundOf[e.bound]} ${celsius(e.limitC)} °C`,
  ].join('\n');
  const mine = actions.filter((a) => a.excursionId === e.id);
  if (mine.length === 0)
    return [what, { text: w.noAction, color: RED }, { text: w.notSigned, color: RED, bold: true }];
  const done = mine
    .map((a) =>
      [
        `${w.action} #${a.id} · ${w.stateOf[a.state]} · ${w.opened} ${time.dateTime(a.openedAt)} · ${w.due} ${time.dateTime(a.dueAt)}${a.escalation === 'none' ? '' : ` · ${w.escalation} ${w.escalationOf[a.escalation]}`}`,
        a.whatDone ? `${w.whatDone}: ${a.whatDone}` : null,
        a.disposition
          ? `${w.disposition}: ${w.dispositionOf[a.disposition]}${a.quantity ? ` ${a.quantity.amount} ${w.unitOf[a.quantity.unit]}` : ''}${a.movedTo ? ` → ${a.movedTo}` : ''}`
          : null,
        a.note ? `${w.note}: ${a.note}` : null,
        a.ticketId !== null ? `${w.ticket} #${a.ticketId}` : null,
      ]
        .filter((line): line is string => line !== null)
        .join('\n'),
    )
    .join('\n\n');
  const signed = mine.filter((a) => a.state === 'signed_off');
  const signature: Cell =
    signed.length === mine.length
      ? signed.map((a) => `${report.signer(a.by) ?? w.system}\n${time.dateTime(a.at)}`).join('\n\n')
      : { text: w.notSigned, color: RED, bold: true };
  return [what, done, signature];
}

function footers(
  l: PdfLayout,
  report: FoodSafetyReport,
  w: ReportWords,
  lang: Locale,
  time: LocalTime,
): void {
  const left = `${w.generatedAt} ${time.dateTime(report.generatedAt)} (${report.store.timeZone}) · ${w.chainHead} #${report.chainHead.seq} ${report.chainHead.hash.slice(0, 16)}`;
  const header = `${localized(report.store.name, lang)} · ${w.title} · ${time.dateTime(report.range.from)} – ${time.dateTime(report.range.to)}`;
  l.eachPage((n, of) => {
    if (n > 1) l.pageHeader(header);
    l.pageFooter(left, w.page(n, of));
  });
}
