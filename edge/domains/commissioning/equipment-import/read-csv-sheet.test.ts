import { describe, expect, it } from 'vitest';
import { readCsvSheet } from './read-csv-sheet';

describe('readCsvSheet', () => {
  it('numbers rows as a spreadsheet does: a quoted line break stays in its row, a blank line is a row', () => {
    const text =
      '\ufeffid,type,location\r\nfryer-1,fryer,"back\r\nof house"\r\n\r\nfryer-2,fryer,\r\n,,\r\nfryer-3,fryer,line\r\n';
    const table = readCsvSheet(text);
    expect(table.problems).toEqual([]);
    expect(table.columns).toEqual(['id', 'type', 'location']);
    expect(table.rows).toEqual([
      { row: 2, cells: { id: 'fryer-1', type: 'fryer', location: 'back\r\nof house' } },
      { row: 4, cells: { id: 'fryer-2', type: 'fryer' } },
      { row: 6, cells: { id: 'fryer-3', type: 'fryer', location: 'line' } },
    ]);
  });

  it('refuses an unknown or doubled column in row 1 with the name it was meant to be', () => {
    const table = readCsvSheet('id,type,instal_date,type\nfryer-1,fryer,2024-01-01,fryer\n');
    expect(table.problems.map((p) => [p.row, p.column, p.message.en, p.hint?.en])).toEqual([
      [1, 'instal_date', 'unknown column "instal_date"', 'did you mean "install_date"?'],
      [1, 'type', 'column "type" appears twice (also column 2)', 'keep one of them'],
    ]);
  });

  it('names a missing required column, a value under no column, and a broken quote', () => {
    const missing = readCsvSheet('id,name_en\nfryer-1,Fryer,extra\n');
    expect(missing.problems.map((p) => [p.row, p.column, p.message.en])).toEqual([
      [1, 'type', 'the required column "type" is missing'],
      [2, 'C', 'a value in a column without a name in row 1'],
    ]);
    const broken = readCsvSheet('id,type\nfryer-1,"fryer\n');
    expect(broken.problems[0]?.row).toBe(2);
    expect(broken.problems[0]?.message.en).toContain('a quoted field is never closed');
  });

  it('says an empty file is empty, and a header not in row 1 is misplaced', () => {
    expect(readCsvSheet('').problems[0]?.message.en).toBe('the sheet is empty');
    expect(readCsvSheet('\n\nid,type\nfryer-1,fryer\n').problems[0]?.message.en).toBe(
      'the header is in row 3, not row 1',
    );
  });
});
