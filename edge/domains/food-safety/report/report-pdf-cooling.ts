import type { CoolingBatchView, CorrectiveActionView } from '../../../../shared/api/food-safety';
import type { Locale } from '../../../../shared/localized-text';
import type { FoodSafetyReport } from './food-safety-report';
import type { LocalTime } from './local-time';
import type { Cell, PdfLayout } from './pdf-layout';
import { type CoolingReportBatch, failedStage } from './report-cooling';
import { type CoolingWords, coolingWordsFor } from './report-cooling-text';
import { celsius, type ReportWords, wordsFor } from './report-text';

const GREEN = '#1a7f37';
const RED = '#b42318';

/**
 * The cooling logs: one row per batch started in the range (product, probe, start and
 * t0; each stage with its target, deadline, when it passed or failed and at what
 * temperature; the corrective action with the product's disposition; who signed). With
 * no batch in the range the title page says so in one line instead of a page.
 */
export function coolingSection(l: PdfLayout, report: FoodSafetyReport, lang: Locale, time: LocalTime): void {
  const w = wordsFor(lang);
  const c = coolingWordsFor(lang);
  const failed = report.cooling.filter(({ batch }) => failedStage(batch) !== null).length;
  if (report.cooling.length === 0) {
    l.gap(6);
    l.heading(c.cooling);
    l.paragraph(c.noBatches);
    return;
  }
  l.newPage();
  l.heading(c.cooling, 13);
  l.paragraph(c.summary(report.cooling.length, failed));
  // One column per stage, each in its own colour: a batch can pass stage 1 and miss stage 2.
  const stageCount = Math.max(1, ...report.cooling.map(({ batch }) => batch.stages.length));
  const stageWidth = Math.floor(200 / stageCount);
  // The columns fill the 511 pt of A4's text width; what the stages leave goes to who signed.
  l.table(
    [
      { header: c.batch, width: 130 },
      ...Array.from({ length: stageCount }, (_, i) => ({ header: c.stage(i + 1), width: stageWidth })),
      { header: w.correctiveActions, width: 115 },
      { header: w.signedBy, width: 511 - 130 - stageWidth * stageCount - 115 },
    ],
    report.cooling.map((entry) => batchRow(entry, stageCount, report, w, c, time)),
  );
}

function batchRow(
  { batch: b, action: a }: CoolingReportBatch,
  stageCount: number,
  report: FoodSafetyReport,
  w: ReportWords,
  c: CoolingWords,
  time: LocalTime,
): Cell[] {
  const what = [
    `#${b.id} ${b.product}${b.quantity ? ` · ${b.quantity.amount} ${w.unitOf[b.quantity.unit]}` : ''}`,
    `${c.probe}: ${b.equipmentId} · ${b.metric}`,
    `${c.started}: ${time.dateTime(b.startedAt)}`,
    `${c.t0}: ${b.t0 === null ? c.notYetHot : `${time.dateTime(b.t0)} (≥ ${celsius(b.fromC)} °C)`}`,
    `${c.clause}: ${b.pack} ${b.clause}`,
    `${c.state}: ${c.stateOf[b.state]}`,
  ].join('\n');
  const stages = Array.from({ length: stageCount }, (_, i): Cell => {
    const s = b.stages[i];
    if (!s) return '—';
    const color = s.result === 'failed' ? RED : s.result === 'passed' ? GREEN : undefined;
    return { text: stageLines(s, c, time), color };
  });
  return [what, ...stages, actionText(a, b, w), signature(a, report, w, time)];
}

function stageLines(s: CoolingBatchView['stages'][number], c: CoolingWords, time: LocalTime): string {
  const head = `${c.resultOf[s.result]} — ${c.stageTarget(celsius(s.toC), s.withinMin)}`;
  const deadline = s.deadline === null ? null : `${c.deadline} ${time.dateTime(s.deadline)}`;
  const when =
    s.at === null
      ? null
      : `${s.result === 'failed' ? c.failedAt : c.reachedAt} ${time.dateTime(s.at)}${s.valueC === null ? '' : ` · ${c.temperature} ${celsius(s.valueC)} °C`}`;
  const warned = s.warnedAt === null ? null : `${c.warned} ${time.dateTime(s.warnedAt)}`;
  return [head, deadline, when, warned].filter((x): x is string => x !== null).join('\n');
}

function actionText(a: CorrectiveActionView | null, b: CoolingBatchView, w: ReportWords): Cell {
  if (a === null) return b.state === 'discarded' ? `${w.disposition}: ${w.dispositionOf.discarded}` : '—';
  return [
    `${w.action} #${a.id} · ${w.stateOf[a.state]}`,
    a.whatDone ? `${w.whatDone}: ${a.whatDone}` : null,
    a.disposition
      ? `${w.disposition}: ${w.dispositionOf[a.disposition]}${a.quantity ? ` ${a.quantity.amount} ${w.unitOf[a.quantity.unit]}` : ''}${a.movedTo ? ` → ${a.movedTo}` : ''}`
      : null,
    a.note ? `${w.note}: ${a.note}` : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

function signature(
  a: CorrectiveActionView | null,
  report: FoodSafetyReport,
  w: ReportWords,
  time: LocalTime,
): Cell {
  if (a === null) return '—';
  if (a.state !== 'signed_off') return { text: w.notSigned, color: RED, bold: true };
  return `${report.signer(a.by) ?? w.system}\n${time.dateTime(a.at)}`;
}
