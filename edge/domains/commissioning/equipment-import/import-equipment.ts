import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ConfigError, parseStoreConfig } from '../../../../shared/server/config/load-store-config';
import { ConfigDocumentError, openConfigDocument } from './config-document';
import type { EquipmentEntry } from './equipment-row';
import { readCsvSheet } from './read-csv-sheet';
import { readXlsxSheet } from './read-xlsx-sheet';
import { type SheetProblem, type SheetTable, say } from './sheet';
import { validateSheet } from './validate-sheet';

export interface ImportRequest {
  sheetFile: string;
  configFile: string;
  /** Now, from the injected clock: install dates after today are refused. */
  now: number;
  /** Check only; never write. */
  dryRun?: boolean;
}

export interface ImportOutcome {
  /** True when the sheet was clean (and, unless a dry run, written into the config). */
  ok: boolean;
  written: boolean;
  entries: EquipmentEntry[];
  rows: number;
  problems: SheetProblem[];
  warnings: SheetProblem[];
}

/**
 * `galley equipment import`: the sheet into the store config, all or nothing. The
 * file is replaced by a rename, so the edge's config watcher (and a power cut) sees
 * the old config or the new one, never half of it.
 */
export async function importEquipment(request: ImportRequest): Promise<ImportOutcome> {
  const fail = (problems: SheetProblem[], rows = 0, warnings: SheetProblem[] = []): ImportOutcome => ({
    ok: false,
    written: false,
    entries: [],
    rows,
    problems,
    warnings,
  });
  const table = await readSheet(request.sheetFile);
  if ('problem' in table) return fail([table.problem]);
  let configText: string;
  try {
    configText = readFileSync(request.configFile, 'utf8');
  } catch (err) {
    return fail([fileProblem(request.configFile, (err as Error).message)]);
  }
  const format = extname(request.configFile) === '.json' ? 'json' : 'yaml';
  let document: ReturnType<typeof openConfigDocument>;
  try {
    document = openConfigDocument(configText, format);
  } catch (err) {
    if (!(err instanceof ConfigDocumentError)) throw err;
    return fail([fileProblem(request.configFile, err.message)], table.rows.length);
  }
  if (!isRecord(document.raw)) return fail([fileProblem(request.configFile, 'not a mapping')]);
  const checked = validateSheet(table, document.raw, request.now);
  if (checked.problems.length > 0) return fail(checked.problems, table.rows.length, checked.warnings);

  const text = document.withEquipment(checked.entries);
  try {
    // The text about to be written, read back as the edge will read it.
    parseStoreConfig(text, request.configFile);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return fail(
      err.problems.map((line) => ({ message: say(`store config: ${line}`, `门店配置：${line}`) })),
      table.rows.length,
      checked.warnings,
    );
  }
  const outcome: ImportOutcome = {
    ok: true,
    written: false,
    entries: checked.entries,
    rows: table.rows.length,
    problems: [],
    warnings: checked.warnings,
  };
  if (request.dryRun) return outcome;
  if (readFileSync(request.configFile, 'utf8') !== configText) {
    return fail(
      [
        {
          message: say('the config file changed while the sheet was checked', '检查表格期间配置文件已被修改'),
          hint: say('run the import again', '请重新导入'),
        },
      ],
      table.rows.length,
      checked.warnings,
    );
  }
  replaceFile(request.configFile, text);
  return { ...outcome, written: true };
}

async function readSheet(file: string): Promise<SheetTable | { problem: SheetProblem }> {
  const extension = extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') {
    return {
      problem: {
        message: say(
          `${basename(file)}: not a .csv or .xlsx file`,
          `${basename(file)}：不是 .csv 或 .xlsx 文件`,
        ),
        hint: say('save the sheet as .xlsx or CSV (UTF-8)', '请将表格另存为 .xlsx 或 CSV（UTF-8）'),
      },
    };
  }
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (err) {
    return { problem: fileProblem(file, (err as Error).message) };
  }
  return extension === '.csv' ? readCsvSheet(data.toString('utf8')) : readXlsxSheet(data);
}

/** Written beside the original, then renamed over it, keeping its permissions. */
function replaceFile(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.import-${process.pid}`);
  writeFileSync(temporary, text, { flush: true });
  chmodSync(temporary, statSync(file).mode & 0o777);
  renameSync(temporary, file);
}

function fileProblem(file: string, reason: string): SheetProblem {
  return { message: say(`${file}: ${reason}`, `${file}：${reason}`) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
