import { z } from 'zod';
import { RESERVED_USERNAMES, StoreConfig } from '../../../../shared/config/store-config';
import { configProblems } from '../../../../shared/server/config/config-problems';
import { type EquipmentEntry, parseEquipmentRow } from './equipment-row';
import { type SheetColumn, type SheetProblem, type SheetTable, say } from './sheet';
import { sheetContext } from './sheet-context';

export interface SheetValidation {
  /** Every row's entry, in sheet order; empty unless the whole sheet is clean. */
  entries: EquipmentEntry[];
  problems: SheetProblem[];
  warnings: SheetProblem[];
}

/**
 * The whole sheet against the config it goes into: each row on its own, ids unique
 * over the sheet and the config, and then the config with the sheet's clean rows
 * added through the same strict validation `galley config-check` runs, so a sheet
 * that passes here gives a config the edge starts with. Every problem comes at once.
 */
export function validateSheet(table: SheetTable, raw: Record<string, unknown>, now: number): SheetValidation {
  const problems = [...table.problems];
  const warnings: SheetProblem[] = [];
  const context = sheetContext(raw, table.rows, now);
  const existing = Array.isArray(raw.equipment) ? raw.equipment : [];
  const existingIds = new Set(existing.map((e) => (isRecord(e) ? e.id : undefined)));
  // Equipment ids are MQTT usernames: they may not be an integration's or the edge's own.
  const integrations = Array.isArray(raw.integrations) ? raw.integrations : [];
  const takenNames = new Set<unknown>([
    ...RESERVED_USERNAMES,
    ...integrations.map((c) => (isRecord(c) ? c.username : undefined)),
  ]);
  const firstRowOfId = new Map<string, number>();
  const clean: { row: number; entry: EquipmentEntry }[] = [];
  let rowsWithProblems = 0;

  for (const sheetRow of table.rows) {
    const result = parseEquipmentRow(sheetRow, context);
    const rowProblems = [...result.problems];
    const id = sheetRow.cells.id;
    if (id !== undefined) {
      const first = firstRowOfId.get(id);
      if (first !== undefined) {
        rowProblems.push({
          row: sheetRow.row,
          column: 'id',
          message: say(`"${id}" is already used in row ${first}`, `"${id}" 已在第 ${first} 行使用`),
          hint: say('every piece of equipment has its own id', '每台设备的编号必须唯一'),
        });
      } else firstRowOfId.set(id, sheetRow.row);
      if (takenNames.has(id)) {
        rowProblems.push({
          row: sheetRow.row,
          column: 'id',
          message: say(
            `"${id}" is already the MQTT username of an integration or the edge itself`,
            `"${id}" 已被集成客户端或边缘服务用作 MQTT 用户名`,
          ),
          hint: say('equipment ids are MQTT usernames: choose another', '设备编号即 MQTT 用户名，请另选一个'),
        });
      }
      if (existingIds.has(id)) {
        rowProblems.push({
          row: sheetRow.row,
          column: 'id',
          message: say(`"${id}" is already in the store config`, `"${id}" 已存在于门店配置中`),
          hint: say('give the new unit another id, or remove this row', '为新设备换一个编号，或删除此行'),
        });
      }
    }
    problems.push(...rowProblems);
    warnings.push(...result.warnings);
    if (rowProblems.length > 0) rowsWithProblems++;
    else if (result.equipment) clean.push({ row: sheetRow.row, entry: result.equipment });
  }

  if (table.rows.length === 0 && table.problems.length === 0) {
    problems.push({
      message: say('the sheet has no equipment rows', '表格中没有设备行'),
      hint: say('one row per piece of equipment, below the header', '列名下方每行一台设备'),
    });
  }
  problems.push(...configCheck(raw, existing, clean));
  return {
    entries: rowsWithProblems === 0 && problems.length === 0 ? clean.map((c) => c.entry) : [],
    problems,
    warnings,
  };
}

/** The config with the clean rows added, through StoreConfig; issues of a new entry go to its row. */
function configCheck(
  raw: Record<string, unknown>,
  existing: unknown[],
  clean: { row: number; entry: EquipmentEntry }[],
): SheetProblem[] {
  const merged = { ...raw, equipment: [...existing, ...clean.map((c) => c.entry)] };
  const result = StoreConfig.safeParse(merged);
  if (result.success) return [];
  const byRow: SheetProblem[] = [];
  const configWide: SheetProblem[] = [];
  for (const issue of result.error.issues) {
    const [section, index, ...rest] = issue.path;
    const newRow =
      section === 'equipment' && typeof index === 'number' ? clean[index - existing.length] : undefined;
    if (newRow) {
      byRow.push({
        row: newRow.row,
        column: columnOf(rest),
        message: say(issue.message, `门店配置校验未通过：${issue.message}`),
      });
    }
  }
  // Everything else is the config's own: said as `galley config-check` says it.
  const rest = result.error.issues.filter((issue) => {
    const [section, index] = issue.path;
    return !(section === 'equipment' && typeof index === 'number' && index >= existing.length);
  });
  if (rest.length > 0) {
    for (const problem of configProblems(StoreConfig, merged, new z.ZodError(rest))) {
      configWide.push({
        column: problem.path,
        message: say(`store config: ${problem.message}`, `门店配置：${problem.message}`),
        hint: say(
          'fix the config file (galley config-check lists the same)',
          '请修正配置文件（galley config-check 会列出相同问题）',
        ),
      });
    }
  }
  return [...byRow, ...configWide];
}

/** The sheet column an equipment field comes from. */
function columnOf(path: readonly PropertyKey[]): SheetColumn | undefined {
  const [field, sub] = path;
  switch (field) {
    case 'id':
    case 'type':
    case 'station':
    case 'location':
    case 'protocol':
      return field;
    case 'name':
      return sub === 'en' ? 'name_en' : 'name_zh';
    case 'serial':
      return sub === 'baudRate' ? 'baud_rate' : 'serial_path';
    case 'asset':
      return sub === 'installDate'
        ? 'install_date'
        : sub === 'replacementPrice'
          ? 'price'
          : sub === 'expectedLifeYears'
            ? 'expected_life_y'
            : 'rated_power_kw';
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
