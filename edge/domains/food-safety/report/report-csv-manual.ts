import type { Locale } from '../../../../shared/localized-text';
import type { FoodSafetyReport } from './food-safety-report';
import { measureText } from './report-manual';
import { manualWordsFor } from './report-manual-text';
import { celsius, localized, wordsFor } from './report-text';

type Cell = string | number | null;

/** The manual checks in the CSV: one line per slot, the value or missed, who measured, the corrective action. */
export function checksCsvSection(
  report: FoodSafetyReport,
  lang: Locale,
  at: (ms: number | null) => string | null,
  typed: (text: string | null) => string | null,
): Cell[][] {
  const w = wordsFor(lang);
  const m = manualWordsFor(lang);
  const rows: Cell[][] = [
    [m.checks],
    [
      m.due,
      m.check,
      'id',
      w.limit,
      w.clause,
      m.result,
      '°C',
      m.measuredBy,
      w.signedAt,
      `${w.action} id`,
      w.state,
      w.signedBy,
      w.note,
      w.recordSeq,
    ],
  ];
  for (const { record: r, action: a } of report.checks)
    rows.push([
      at(r.slotAt),
      localized(r.title, lang),
      r.checkId,
      measureText(r.measure),
      `${r.pack} ${r.clause}`,
      r.status === 'missed' ? m.missed : r.inLimit ? m.inLimit : m.outOfLimit,
      r.valueC === null ? null : celsius(r.valueC),
      r.status === 'missed' ? w.system : report.signer(r.by),
      at(r.at),
      a?.id ?? null,
      a ? w.stateOf[a.state] : null,
      a?.state === 'signed_off' ? report.signer(a.by) : null,
      typed(r.note),
      r.id,
    ]);
  return rows;
}

/** Batches held under time as the control in the CSV: one line per batch in its latest version. */
export function timeCsvSection(
  report: FoodSafetyReport,
  lang: Locale,
  at: (ms: number | null) => string | null,
  typed: (text: string | null) => string | null,
): Cell[][] {
  const w = wordsFor(lang);
  const m = manualWordsFor(lang);
  const rows: Cell[][] = [
    [m.time],
    [
      `${m.batch} id`,
      w.what,
      w.quantity,
      w.clause,
      m.startedAt,
      `${m.startC} °C`,
      m.discardBy,
      m.outcome,
      m.lastReading,
      w.signedAt,
      `${w.action} id`,
      w.state,
      w.disposition,
      w.signedBy,
      w.note,
    ],
  ];
  for (const { batch: b, action: a } of report.timeBatches)
    rows.push([
      b.id,
      typed(b.product),
      b.quantity ? `${b.quantity.amount} ${w.unitOf[b.quantity.unit]}` : null,
      `${b.pack} ${b.clause} (${m.option(b.maxHours)})`,
      at(b.startedAt),
      celsius(b.startC),
      at(b.discardBy),
      m.stateOf[b.state],
      b.lastReading ? celsius(b.lastReading.valueC) : null,
      at(b.at),
      a?.id ?? null,
      a ? w.stateOf[a.state] : null,
      a?.disposition ? w.dispositionOf[a.disposition] : null,
      a?.state === 'signed_off' ? report.signer(a.by) : null,
      typed(b.note),
    ]);
  return rows;
}
