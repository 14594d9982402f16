import {
  MAX_CELL_LENGTH,
  MAX_SHEET_ROWS,
  type SheetColumn,
  type SheetProblem,
  type SheetRow,
  type SheetTable,
  say,
} from './sheet';
import { checkHeader } from './sheet-header';

/** One row of a file as read, before the header gives its cells their meaning. */
export interface RawRow {
  row: number;
  cells: string[];
}

/**
 * The table both readers end in: the first non-empty row is the header (it must be
 * row 1, as the contract numbers rows from there), empty rows are skipped, cells
 * are trimmed and bounded.
 */
export function buildSheetTable(raw: readonly RawRow[], readProblems: SheetProblem[] = []): SheetTable {
  const problems = [...readProblems];
  const filled = raw.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  const [head, ...body] = filled;
  if (!head) {
    problems.push({
      message: say('the sheet is empty', '表格为空'),
      hint: say('row 1 names the columns', '第 1 行为列名'),
    });
    return { columns: [], rows: [], problems };
  }
  if (head.row !== 1) {
    problems.push({
      row: head.row,
      message: say(`the header is in row ${head.row}, not row 1`, `列名在第 ${head.row} 行，而不是第 1 行`),
      hint: say('delete the empty rows above it', '删除其上方的空行'),
    });
  }
  const header = checkHeader(head.cells);
  problems.push(...header.problems);
  if (body.length > MAX_SHEET_ROWS) {
    problems.push({
      message: say(
        `${body.length} rows; a sheet holds at most ${MAX_SHEET_ROWS} pieces of equipment`,
        `共 ${body.length} 行；一张表最多 ${MAX_SHEET_ROWS} 台设备`,
      ),
      hint: say('is this the equipment sheet of one store?', '这是单个门店的设备表吗？'),
    });
    return { columns: [], rows: [], problems };
  }
  const columns = header.columns.filter((c): c is SheetColumn => c !== undefined);
  const rows = body.map((r): SheetRow => {
    const cells: SheetRow['cells'] = {};
    r.cells.forEach((rawCell, index) => {
      const text = rawCell.trim();
      if (text === '') return;
      const column = header.columns[index];
      if (column === undefined) {
        if (head.cells[index]?.trim()) return; // an unknown column: reported once, in row 1
        problems.push({
          row: r.row,
          column: columnLetter(index),
          message: say('a value in a column without a name in row 1', '该列在第 1 行没有列名，却有数据'),
          hint: say('name the column or clear the cell', '补上列名或清空此单元格'),
        });
        return;
      }
      if (text.length > MAX_CELL_LENGTH) {
        problems.push({
          row: r.row,
          column,
          message: say(
            `${text.length} characters; a cell holds at most ${MAX_CELL_LENGTH}`,
            `共 ${text.length} 个字符；单元格最多 ${MAX_CELL_LENGTH} 个`,
          ),
        });
        return;
      }
      cells[column] = text;
    });
    return { row: r.row, cells };
  });
  return { columns, rows, problems };
}

/** The letters a spreadsheet shows over a column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
