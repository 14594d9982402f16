import type { Locale } from '../../../../shared/localized-text';
import type { ImportOutcome } from './import-equipment';
import type { SheetProblem } from './sheet';

/**
 * The import's answer to the person at the keyboard, in their language: every problem
 * on its own line as "row N, column C: what — hint", so each can be found in the
 * spreadsheet; warnings that repeat over many rows (an asset field nobody has filled
 * in yet) once, with the rows they apply to.
 */
export function importReport(sheet: string, outcome: ImportOutcome, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const lines: string[] = [];
  if (!outcome.ok) {
    const badRows = new Set(outcome.problems.map((p) => p.row).filter((r) => r !== undefined)).size;
    lines.push(
      zh
        ? `${sheet}：${outcome.problems.length} 个问题${badRows ? `，涉及 ${badRows} 行` : ''}；未导入任何设备，配置未改动。`
        : `${sheet}: ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}${
            badRows ? ` in ${badRows} row${badRows === 1 ? '' : 's'}` : ''
          }; nothing imported, the config is unchanged.`,
    );
    for (const problem of outcome.problems) lines.push(`  ${problemLine(problem, [problem.row], locale)}`);
  } else {
    const verb = outcome.written
      ? zh
        ? '已写入配置'
        : 'written into the config'
      : zh
        ? '检查通过（未写入）'
        : 'checked, not written (dry run)';
    lines.push(
      zh
        ? `${sheet}：${outcome.entries.length} 台设备${verb}。`
        : `${sheet}: ${outcome.entries.length} piece${outcome.entries.length === 1 ? '' : 's'} of equipment ${verb}.`,
    );
  }
  const groups = groupWarnings(outcome.warnings);
  if (groups.length > 0) {
    lines.push(
      zh
        ? `调试提醒（${outcome.warnings.length}）：`
        : `commissioning warnings (${outcome.warnings.length}):`,
    );
    for (const group of groups) lines.push(`  ${problemLine(group.warning, group.rows, locale)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** "row 5, column type: unknown equipment type "friar" — did you mean "fryer"?" */
export function problemLine(
  problem: SheetProblem,
  rows: readonly (number | undefined)[],
  locale: Locale,
): string {
  const zh = locale === 'zh-CN';
  const where: string[] = [];
  const numbered = rows.filter((r): r is number => r !== undefined);
  if (numbered.length > 0) {
    const list = rowRanges(numbered);
    where.push(zh ? `第 ${list} 行` : `${numbered.length > 1 ? 'rows' : 'row'} ${list}`);
  }
  if (problem.column !== undefined) where.push(zh ? `${problem.column} 列` : `column ${problem.column}`);
  const place = where.length > 0 ? `${where.join(zh ? '，' : ', ')}${zh ? '：' : ': '}` : '';
  const hint = problem.hint ? `${zh ? '——' : ' — '}${problem.hint[locale]}` : '';
  return `${place}${problem.message[locale]}${hint}`;
}

/** 2, 3, 4, 7 → "2–4, 7". */
export function rowRanges(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let previous = start;
  for (const row of [...sorted.slice(1), Number.NaN]) {
    if (start === undefined || previous === undefined) break;
    if (row === previous + 1) {
      previous = row;
      continue;
    }
    parts.push(start === previous ? String(start) : `${start}–${previous}`);
    start = row;
    previous = row;
  }
  return parts.join(', ');
}

function groupWarnings(
  warnings: readonly SheetProblem[],
): { warning: SheetProblem; rows: (number | undefined)[] }[] {
  const groups = new Map<string, { warning: SheetProblem; rows: (number | undefined)[] }>();
  for (const warning of warnings) {
    const key = JSON.stringify([warning.column, warning.message, warning.hint]);
    const group = groups.get(key);
    if (group) group.rows.push(warning.row);
    else groups.set(key, { warning, rows: [warning.row] });
  }
  return [...groups.values()];
}
