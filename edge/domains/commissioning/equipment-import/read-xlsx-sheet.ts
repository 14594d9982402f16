import type { CellValue } from 'exceljs';
import type { SheetProblem, SheetTable } from './sheet';
import { say } from './sheet';
import { buildSheetTable, columnLetter, type RawRow } from './sheet-table';
import { newXlsxWorkbook } from './xlsx-workbook';

/**
 * The first worksheet of an .xlsx file, each cell as the text the sheet means: a date
 * cell as YYYY-MM-DD (exceljs hands dates over as UTC midnight of the shown day), a
 * formula by its computed result, rich text as its plain text. A cell showing an
 * error (#REF!, #N/A) is a problem of its row, not an empty value.
 */
export async function readXlsxSheet(data: Uint8Array): Promise<SheetTable> {
  const workbook = await newXlsxWorkbook();
  try {
    // A copy of just these bytes (a Node Buffer may be a slice of a larger pool).
    await workbook.xlsx.load(new Uint8Array(data).buffer);
  } catch (err) {
    return {
      columns: [],
      rows: [],
      problems: [
        {
          message: say(
            `the file is not a readable .xlsx workbook: ${(err as Error).message}`,
            `文件不是可读取的 .xlsx 工作簿：${(err as Error).message}`,
          ),
          hint: say(
            'save it again from the spreadsheet as .xlsx, or as CSV (UTF-8)',
            '请从表格软件重新另存为 .xlsx 或 CSV（UTF-8）',
          ),
        },
      ],
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet)
    return {
      columns: [],
      rows: [],
      problems: [{ message: say('the workbook has no sheet', '工作簿中没有工作表') }],
    };
  const problems: SheetProblem[] = [];
  const raw: RawRow[] = [];
  for (let row = 1; row <= sheet.rowCount; row++) {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) {
      const cell = cellText(sheet.getRow(row).getCell(column).value);
      if (typeof cell === 'string') {
        cells.push(cell);
      } else {
        cells.push('');
        problems.push({
          row,
          column: columnLetter(column - 1),
          message: say(`the cell shows the error ${cell.error}`, `单元格显示错误 ${cell.error}`),
          hint: say('enter the value itself', '请直接填写数值'),
        });
      }
    }
    raw.push({ row, cells });
  }
  return buildSheetTable(raw, problems);
}

/** The text of a cell, or the error it shows. */
export function cellText(value: CellValue | undefined): string | { error: string } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('error' in value) return { error: value.error };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  // A formula shows its last computed result; one never computed shows nothing.
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  if ('hyperlink' in value) return value.text; // a link shows its text
  return '';
}
