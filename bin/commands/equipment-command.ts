import { parseArgs } from 'node:util';
import { importEquipment } from '../../edge/domains/commissioning/equipment-import/import-equipment';
import { importReport } from '../../edge/domains/commissioning/equipment-import/import-report';
import { Locale } from '../../shared/localized-text';
import type { CommandIo } from '../../shared/server/command-io';
import { systemClock } from '../../shared/server/runtime/clock';

const USAGE =
  'usage: galley equipment import SHEET.csv|SHEET.xlsx --config FILE [--dry-run] [--lang en|zh-CN] [--json]\n' +
  '  checks every row of the equipment sheet (header in row 1: id, type, name_en, name_zh, station,\n' +
  '  location, protocol, serial_path, baud_rate, install_date, price, expected_life_y, rated_power_kw)\n' +
  '  and adds the equipment to the store config (env GALLEY_CONFIG) — all of it, or nothing.\n' +
  '  exit 0 = imported (warnings for missing asset fields), 1 = problems listed by row and column,\n' +
  '  config unchanged; 2 = usage error. --lang defaults to zh-CN when LANG starts with zh.\n' +
  '  (moving a unit between stores: galley equipment export-history --help)\n';

/** `galley equipment import`: commissioning a store's equipment from one sheet. */
export async function runEquipmentCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv[0] === 'export-history' || argv[0] === 'import-history')
    return (await import('./equipment-history-command')).runEquipmentHistoryCommand(argv, io);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      'dry-run': { type: 'boolean' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [command, sheetFile, ...extra] = positionals;
  if (command !== 'import' || !sheetFile || extra.length > 0) {
    io.stderr.write(`galley equipment: expected "import SHEET"\n${USAGE}`);
    return 2;
  }
  const configFile = values.config ?? process.env.GALLEY_CONFIG;
  if (!configFile) {
    io.stderr.write(`galley equipment: --config FILE (or GALLEY_CONFIG) is required\n${USAGE}`);
    return 2;
  }
  const locale = Locale.safeParse(values.lang ?? (process.env.LANG?.startsWith('zh') ? 'zh-CN' : 'en'));
  if (!locale.success) {
    io.stderr.write(`galley equipment: --lang is en or zh-CN, not "${values.lang}"\n`);
    return 2;
  }
  const outcome = await importEquipment({
    sheetFile,
    configFile,
    now: systemClock.now(),
    dryRun: values['dry-run'] ?? false,
  });
  if (values.json) {
    (outcome.ok ? io.stdout : io.stderr).write(`${JSON.stringify(outcome, null, 2)}\n`);
  } else {
    (outcome.ok ? io.stdout : io.stderr).write(importReport(sheetFile, outcome, locale.data));
  }
  return outcome.ok ? 0 : 1;
}
