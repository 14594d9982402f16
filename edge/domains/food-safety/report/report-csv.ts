import type { Locale } from '../../../../shared/localized-text';
import type { FoodSafetyReport } from './food-safety-report';
import { LocalTime } from './local-time';
import { coolingCsvSection } from './report-csv-cooling';
import { checksCsvSection, timeCsvSection } from './report-csv-manual';
import { celsius, localized, percent, wordsFor } from './report-text';

type Cell = string | number | null;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Free text people typed (what was done, a note) opens in a spreadsheet: one starting
 * with = + - @ would run as a formula there, so it is kept text with a leading quote.
 */
export function typedText(text: string | null): string | null {
  return text !== null && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const CRLF = '\r\n';
const row = (cells: readonly Cell[]): string => `${cells.map(csvField).join(',')}${CRLF}`;
const CHUNK = 64 * 1024;

/**
 * The report as one CSV file, UTF-8 with a byte-order mark (without it Excel reads
 * Chinese as mojibake), one section per table: a title line, a header line, its rows,
 * and a blank line. Yields chunks, so a month of minute records streams out without
 * being held.
 */
export function* renderReportCsv(report: FoodSafetyReport, lang: Locale): Generator<string> {
  const w = wordsFor(lang);
  const time = new LocalTime(report.store.timeZone);
  const at = (ms: number | null) => (ms === null ? null : time.dateTime(ms));
  const names = new Map(
    report.controlPoints.map((p) => [p.controlPoint.id, localized(p.controlPoint.name, lang)]),
  );
  const name = (id: string) => names.get(id) ?? id;
  let out = '\uFEFF';
  const flush = function* (force = false): Generator<string> {
    if (out.length >= CHUNK || (force && out.length > 0)) {
      yield out;
      out = '';
    }
  };

  out += row([w.title]);
  out += row([w.store, localized(report.store.name, lang), report.store.id]);
  out += row([w.range, at(report.range.from), at(report.range.to)]);
  out += row([w.timeZone, report.store.timeZone, time.offsetLabel(report.range.from)]);
  out += row([w.generatedAt, at(report.generatedAt)]);
  out += row([w.chainHead, report.chainHead.seq, report.chainHead.hash]);
  out += CRLF;

  out += row([w.dailySummary]);
  out += row([
    w.controlPoint,
    'id',
    w.day,
    w.minutesInDay,
    w.inLimitMin,
    w.excusedMin,
    w.outOfLimitMin,
    w.noDataMin,
    w.notYetMin,
    w.compliancePct,
    w.result,
    w.excursionCount,
  ]);
  for (const point of report.controlPoints)
    for (const day of point.days)
      out += row([
        name(point.controlPoint.id),
        point.controlPoint.id,
        day.day,
        day.minutesInDay,
        day.inLimitMin,
        day.excusedMin,
        day.outOfLimitMin,
        day.noDataMin,
        day.notYetMin,
        percent(day.compliancePct),
        day.pass ? (day.notYetMin > 0 ? w.pending : w.pass) : w.fail,
        day.excursions.length,
      ]);
  out += CRLF;

  out += row([w.excursions]);
  out += row([
    `${w.excursion} id`,
    w.controlPoint,
    'id',
    w.equipment,
    w.started,
    w.ended,
    w.minutes,
    w.worst,
    w.limit,
    `${w.alertDelay} (min)`,
    w.excursion,
  ]);
  for (const e of report.excursions)
    out += row([
      e.id,
      name(e.controlPointId),
      e.controlPointId,
      e.equipmentId,
      at(e.startedAt),
      e.endedAt === null ? w.stillOpen : at(e.endedAt),
      e.minutes,
      celsius(e.worstC),
      `${w.boundOf[e.bound]} ${celsius(e.limitC)} °C`,
      e.alertDelayMin,
      localized(e.title, lang),
    ]);
  out += CRLF;

  out += row([w.correctiveActions]);
  out += row([
    `${w.action} id`,
    `${w.excursion} id`,
    w.controlPoint,
    'id',
    w.state,
    w.opened,
    w.due,
    w.escalation,
    w.whatDone,
    w.disposition,
    w.quantity,
    w.movedTo,
    w.note,
    w.signedBy,
    w.signedAt,
    w.alarm,
    w.ticket,
    w.recordSeq,
  ]);
  for (const a of report.actions) {
    const signed = a.state === 'signed_off';
    out += row([
      a.id,
      a.excursionId,
      name(a.controlPointId),
      a.controlPointId,
      w.stateOf[a.state],
      at(a.openedAt),
      at(a.dueAt),
      w.escalationOf[a.escalation],
      typedText(a.whatDone),
      a.disposition === null ? null : w.dispositionOf[a.disposition],
      a.quantity === null ? null : `${a.quantity.amount} ${w.unitOf[a.quantity.unit]}`,
      typedText(a.movedTo),
      typedText(a.note),
      signed ? typedText(report.signer(a.by)) : null,
      signed ? at(a.at) : null,
      a.alarmId,
      a.ticketId,
      a.seq,
    ]);
  }
  out += CRLF;

  for (const cells of checksCsvSection(report, lang, at, typedText)) out += row(cells);
  out += CRLF;

  for (const cells of timeCsvSection(report, lang, at, typedText)) out += row(cells);
  out += CRLF;

  for (const cells of coolingCsvSection(report, lang, at, typedText)) out += row(cells);
  out += CRLF;

  out += row([w.minuteLog]);
  out += row([
    w.controlPoint,
    'id',
    w.start,
    w.end,
    w.status,
    w.worst,
    w.minC,
    w.maxC,
    w.readings,
    w.excusedBy,
    w.limit,
    w.recordSeq,
  ]);
  yield* flush(true);
  for (const point of report.controlPoints) {
    const id = point.controlPoint.id;
    const label = name(id);
    for (const log of report.minuteLogs(id)) {
      const limits = new Map(log.limits.map((l) => [l.seq, `${w.boundOf[l.bound]} ${celsius(l.limitC)} °C`]));
      for (const r of log.records) {
        out += row([
          label,
          id,
          time.dateTime(r.startTs),
          time.dateTime(r.endTs),
          w.statusOf[r.status],
          celsius(r.valueC),
          celsius(r.minC),
          celsius(r.maxC),
          r.readings,
          r.excusedBy,
          limits.get(r.limitSeq) ?? null,
          r.seq,
        ]);
        if (out.length >= CHUNK) yield* flush();
      }
    }
  }
  yield* flush(true);
}
