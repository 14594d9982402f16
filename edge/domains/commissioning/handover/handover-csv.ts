import type { Locale } from '../../../../shared/localized-text';
import { LocalTime } from '../../food-safety/report/local-time';
import { csvField } from '../../food-safety/report/report-csv';
import type { HandoverReport } from './handover-report';
import { handoverTables } from './handover-rows';
import { handoverWords } from './handover-text';

const CRLF = '\r\n';
const row = (cells: readonly string[]): string => `${cells.map(csvField).join(',')}${CRLF}`;

/**
 * The handover as one CSV file (RFC 4180, UTF-8 with a byte-order mark so Excel reads
 * the Chinese): the store lines, then one section per table (title line, header, rows,
 * blank line), the signature last.
 */
export function renderHandoverCsv(report: HandoverReport, lang: Locale): string {
  const w = handoverWords(lang);
  const time = new LocalTime(report.store.timeZone);
  let out = '\uFEFF';
  out += row([w.title]);
  out += row([w.store, report.store.name[lang], report.store.id]);
  out += row([w.timeZone, report.store.timeZone, time.offsetLabel(report.generatedAt)]);
  out += row([w.generatedAt, time.dateTime(report.generatedAt)]);
  out += row([w.status, report.checklist.complete ? w.complete : w.incomplete]);
  out += CRLF;
  for (const table of handoverTables(report, lang)) {
    out += row([table.title]);
    out += row(table.header);
    for (const cells of table.rows) out += row(cells);
    out += CRLF;
  }
  return out;
}
