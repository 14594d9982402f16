import { parseCsv } from '../../orders/connectors/csv';
import type { SheetTable } from './sheet';
import { say } from './sheet';
import { buildSheetTable, type RawRow } from './sheet-table';

/**
 * A CSV sheet, numbered as a spreadsheet opening it numbers its rows: one row per
 * record, so a quoted cell spanning lines is still one row, and a blank line is an
 * (empty) row of its own. The RFC 4180 reader is the one the POS exports use.
 */
export function readCsvSheet(text: string): SheetTable {
  const { records, problems } = parseCsv(text);
  const raw: RawRow[] = [];
  let row = 0;
  let nextLine = 1;
  for (const record of records) {
    // Lines skipped since the previous record were blank: each is an empty row.
    row += 1 + Math.max(0, record.line - nextLine);
    raw.push({ row, cells: record.fields });
    nextLine = record.line + 1 + record.fields.reduce((n, field) => n + countLineBreaks(field), 0);
  }
  return buildSheetTable(
    raw,
    problems.map((p) => ({
      row: rowOfLine(raw, records, p.line),
      message: say(`the file is not valid CSV: ${p.message}`, `文件不是有效的 CSV：${p.message}`),
      hint: say('save the sheet again as CSV (UTF-8)', '请重新另存为 CSV（UTF-8）'),
    })),
  );
}

function countLineBreaks(field: string): number {
  return field.split('\n').length - 1;
}

/** The row of the record a physical line of the file belongs to. */
function rowOfLine(raw: RawRow[], records: { line: number }[], line: number): number | undefined {
  let found: number | undefined;
  records.forEach((record, i) => {
    if (record.line <= line) found = raw[i]?.row;
  });
  return found;
}
