import type { Workbook } from 'exceljs';

/**
 * exceljs, loaded only when a sheet is .xlsx: the edge daemon and CSV imports never
 * pay for parsing its few megabytes of JavaScript.
 */
export async function newXlsxWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}
