import { z } from 'zod';
import type { LocalizedText } from '../../../../shared/localized-text';

/**
 * An equipment sheet as a person sees it in a spreadsheet: the header in row 1, one
 * piece of equipment a row, every cell as the text it shows. The CSV and XLSX readers
 * both produce this, so validation never knows which file it came from.
 */

/** The columns of the sheet (contract.md, "Commissioning and prediction"), in their usual order. */
export const SheetColumn = z.enum([
  'id',
  'type',
  'name_en',
  'name_zh',
  'station',
  'location',
  'protocol',
  'serial_path',
  'baud_rate',
  'install_date',
  'price',
  'expected_life_y',
  // Beyond the contract's list, optional: the nameplate power, for energy figures.
  'rated_power_kw',
]);
export type SheetColumn = z.infer<typeof SheetColumn>;

export const REQUIRED_COLUMNS: readonly SheetColumn[] = ['id', 'type'];

/** A store has 20–60 pieces of equipment; a sheet of thousands is the wrong file. */
export const MAX_SHEET_ROWS = 1000;
/** No cell of an equipment sheet holds more text than this; more is a pasted document. */
export const MAX_CELL_LENGTH = 500;

export interface SheetRow {
  /** The row number the spreadsheet shows (the header is row 1). */
  row: number;
  /** Trimmed text of each known column; an empty cell is absent. */
  cells: Partial<Record<SheetColumn, string>>;
}

/**
 * One thing wrong with the sheet, where a person finds it (row and column as the
 * spreadsheet shows them; no row for the file as a whole) and what to do about it.
 */
export interface SheetProblem {
  row?: number;
  column?: string;
  message: LocalizedText;
  hint?: LocalizedText;
}

export interface SheetTable {
  columns: SheetColumn[];
  rows: SheetRow[];
  problems: SheetProblem[];
}

/** Both languages of one message, English first as in the code. */
export function say(en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh };
}
