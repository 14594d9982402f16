import type { CorrectiveActionView } from '../../../../shared/api/food-safety';
import type { Locale } from '../../../../shared/localized-text';
import type { FoodSafetyReport } from './food-safety-report';
import type { LocalTime } from './local-time';
import type { Cell, PdfLayout } from './pdf-layout';
import { type CheckReportEntry, measureText, type TimeReportBatch } from './report-manual';
import { type ManualWords, manualWordsFor } from './report-manual-text';
import { celsius, localized, type ReportWords, wordsFor } from './report-text';

const RED = '#b42318';

function actionCell(
  a: CorrectiveActionView | null,
  report: FoodSafetyReport,
  w: ReportWords,
  time: LocalTime,
): Cell {
  if (a === null) return '—';
  const head = `${w.action} #${a.id} · ${w.stateOf[a.state]}`;
  if (a.state !== 'signed_off') return { text: `${head}\n${w.notSigned}`, color: RED, bold: true };
  return [
    head,
    a.whatDone ? `${w.whatDone}: ${a.whatDone}` : null,
    a.disposition ? `${w.disposition}: ${w.dispositionOf[a.disposition]}` : null,
    `${report.signer(a.by) ?? w.system} · ${time.dateTime(a.at)}`,
  ]
    .filter((x): x is string => x !== null)
    .join('\n');
}

function checkRow(
  { record: r, action }: CheckReportEntry,
  report: FoodSafetyReport,
  w: ReportWords,
  m: ManualWords,
  lang: Locale,
  time: LocalTime,
): Cell[] {
  const result: Cell =
    r.status === 'missed'
      ? { text: m.missed, color: RED, bold: true }
      : r.inLimit
        ? `${celsius(r.valueC)} °C · ${m.inLimit}`
        : { text: `${celsius(r.valueC)} °C · ${m.outOfLimit}`, color: RED, bold: true };
  return [
    time.dateTime(r.slotAt),
    `${localized(r.title, lang)}\n${measureText(r.measure)} · ${r.pack} ${r.clause}`,
    result,
    r.status === 'missed' ? w.system : `${report.signer(r.by) ?? w.system}\n${time.dateTime(r.at)}`,
    actionCell(action, report, w, time),
  ];
}

/**
 * The manual checks on the title page: how many were due, done, missed and out of limit,
 * then one row per slot with the value or MISSED, who measured, and the corrective action.
 */
export function checksSection(l: PdfLayout, report: FoodSafetyReport, lang: Locale, time: LocalTime): void {
  const w = wordsFor(lang);
  const m = manualWordsFor(lang);
  l.gap(10);
  l.heading(m.checks);
  if (report.checks.length === 0) {
    l.paragraph(m.noChecks);
    return;
  }
  const missed = report.checks.filter((c) => c.record.status === 'missed').length;
  const out = report.checks.filter((c) => c.record.inLimit === false).length;
  l.paragraph(m.checksSummary(report.checks.length, report.checks.length - missed, missed, out));
  l.table(
    [
      { header: m.due, width: 80 },
      { header: m.check, width: 150 },
      { header: m.result, width: 85 },
      { header: m.measuredBy, width: 86 },
      { header: w.correctiveActions, width: 110 },
    ],
    report.checks.map((entry) => checkRow(entry, report, w, m, lang, time)),
  );
}

function timeRow(
  { batch: b, action }: TimeReportBatch,
  report: FoodSafetyReport,
  w: ReportWords,
  m: ManualWords,
  time: LocalTime,
): Cell[] {
  const failed = b.state === 'expired' || b.state === 'too_warm';
  return [
    [
      `#${b.id} ${b.product}${b.quantity ? ` · ${b.quantity.amount} ${w.unitOf[b.quantity.unit]}` : ''}`,
      `${m.option(b.maxHours)} · ${b.pack} ${b.clause}`,
      `${report.signer(b.by) ?? w.system}`,
    ].join('\n'),
    `${time.dateTime(b.startedAt)}\n${m.startC} ${celsius(b.startC)} °C`,
    time.dateTime(b.discardBy),
    {
      text: [
        m.stateOf[b.state],
        b.lastReading && b.lastReading.at !== b.startedAt
          ? `${m.lastReading} ${celsius(b.lastReading.valueC)} °C`
          : null,
        b.state === 'holding' ? null : time.dateTime(b.at),
      ]
        .filter((x): x is string => x !== null)
        .join('\n'),
      color: failed ? RED : undefined,
      bold: failed,
    },
    actionCell(action, report, w, time),
  ];
}

/** Batches held under time as the control: one line on the title page when none, else a table. */
export function timeSection(l: PdfLayout, report: FoodSafetyReport, lang: Locale, time: LocalTime): void {
  const w = wordsFor(lang);
  const m = manualWordsFor(lang);
  l.gap(10);
  l.heading(m.time);
  if (report.timeBatches.length === 0) {
    l.paragraph(m.noTime);
    return;
  }
  const failed = report.timeBatches.filter(
    (t) => t.batch.state === 'expired' || t.batch.state === 'too_warm',
  ).length;
  l.paragraph(m.timeSummary(report.timeBatches.length, failed));
  l.table(
    [
      { header: m.batch, width: 140 },
      { header: m.startedAt, width: 90 },
      { header: m.discardBy, width: 80 },
      { header: m.outcome, width: 91 },
      { header: w.correctiveActions, width: 110 },
    ],
    report.timeBatches.map((entry) => timeRow(entry, report, w, m, time)),
  );
}
