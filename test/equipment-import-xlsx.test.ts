import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanups,
  expectAcceptance,
  galley,
  HEADER,
  reportedProblems,
  type SheetLine,
  tempStore,
} from '../edge/domains/commissioning/testing/equipment-sheet-kit';

/**
 * Issue 21's acceptance with an .xlsx sheet written by exceljs as a spreadsheet saves
 * one: install dates as date cells, prices, lives and baud rates as number cells, a
 * bold header.
 */

afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function cellOf(column: (typeof HEADER)[number], text: string): ExcelJS.CellValue {
  if (text === '') return null;
  if (column === 'install_date') {
    const date = new Date(`${text}T00:00:00Z`);
    // A real day is a date cell; an impossible one (2024-02-30) stays the text a person typed.
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? date : text;
  }
  if (column === 'expected_life_y' || column === 'baud_rate') return Number(text);
  if (column === 'price' && /^\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

async function writeXlsx(file: string, rows: SheetLine[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Equipment');
  sheet.addRow([...HEADER]);
  sheet.getRow(1).font = { bold: true };
  for (const line of rows) sheet.addRow(HEADER.map((column) => cellOf(column, line[column])));
  await workbook.xlsx.writeFile(file);
}

describe('galley equipment import (XLSX)', () => {
  it('names exactly the 3 bad rows of 40 and changes nothing; the fixed sheet imports cleanly', async () => {
    await expectAcceptance(writeXlsx, 'xlsx');
  }, 60_000);

  it('reports a cell showing a formula error, and a file that is no workbook, changing nothing', async () => {
    const { dir, config } = tempStore();
    const before = readFileSync(config, 'utf8');
    const sheet = join(dir, 'equipment.xlsx');
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Equipment');
    ws.addRow(['id', 'type', 'price']);
    ws.addRow(['fryer-9', 'fryer', { formula: 'A1/0', result: { error: '#DIV/0!' } }]);
    ws.addRow(['fryer-10', 'fryer', { richText: [{ text: '9000' }, { text: '.00' }] }]);
    await workbook.xlsx.writeFile(sheet);
    const refused = await galley(['equipment', 'import', sheet, '--config', config]);
    expect(refused.code).toBe(1);
    expect(reportedProblems(refused.err)).toEqual([{ row: 2, column: 'C' }]);
    expect(refused.err).toContain('row 2, column C: the cell shows the error #DIV/0!');

    writeFileSync(sheet, 'PK\u0003\u0004 not a zip');
    const corrupt = await galley(['equipment', 'import', sheet, '--config', config]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.err).toContain('the file is not a readable .xlsx workbook');
    expect(readFileSync(config, 'utf8')).toBe(before);
  }, 30_000);
});
