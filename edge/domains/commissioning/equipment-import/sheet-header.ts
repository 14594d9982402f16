import { nearestName } from '../../../../shared/server/config/near-name';
import { REQUIRED_COLUMNS, SheetColumn, type SheetProblem, say } from './sheet';

export interface HeaderCheck {
  /** The known column each position of the header names, or undefined for one to ignore. */
  columns: (SheetColumn | undefined)[];
  problems: SheetProblem[];
}

/**
 * Row 1 names the columns. An unknown name is an error, not a column to skip: a
 * misspelt `instal_date` would otherwise drop every install date without a word.
 * An empty header cell over an empty column is what spreadsheets leave behind and is ignored.
 */
export function checkHeader(names: readonly string[]): HeaderCheck {
  const problems: SheetProblem[] = [];
  const seen = new Map<SheetColumn, number>();
  const columns = names.map((raw, index): SheetColumn | undefined => {
    const name = raw.trim();
    if (name === '') return undefined;
    const known = SheetColumn.safeParse(name);
    if (!known.success) {
      const guess = nearestName(name, SheetColumn.options);
      problems.push({
        row: 1,
        column: name,
        message: say(`unknown column "${name}"`, `未知的列"${name}"`),
        hint: guess
          ? say(`did you mean "${guess}"?`, `是否应为"${guess}"？`)
          : say(
              `the columns are: ${SheetColumn.options.join(', ')}`,
              `可用的列：${SheetColumn.options.join(', ')}`,
            ),
      });
      return undefined;
    }
    const earlier = seen.get(known.data);
    if (earlier !== undefined) {
      problems.push({
        row: 1,
        column: name,
        message: say(
          `column "${name}" appears twice (also column ${earlier + 1})`,
          `列"${name}"出现两次（另见第 ${earlier + 1} 列）`,
        ),
        hint: say('keep one of them', '只保留其中一列'),
      });
      return undefined;
    }
    seen.set(known.data, index);
    return known.data;
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) {
      problems.push({
        row: 1,
        column: required,
        message: say(`the required column "${required}" is missing`, `缺少必需的列"${required}"`),
        hint: say(
          `row 1 names the columns; "id" and "type" are required`,
          `第 1 行为列名；"id" 和 "type" 为必需列`,
        ),
      });
    }
  }
  return { columns, problems };
}
