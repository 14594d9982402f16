import { parseArgs } from 'node:util';
import {
  formatToastProblem,
  importToastExport as importExport,
  type ToastImportReport,
} from '../../edge/domains/orders/connectors/toast-export';
import type { OrderIntakePort } from '../../edge/domains/orders/order-intake-port';
import type { ToastExportSettings } from '../../shared/config/pos-connectors';
import type { CommandIo } from '../../shared/server/command-io';

export interface OrdersImportArgs {
  command: 'import-toast';
  dir: string;
  dataDir: string;
  configFile: string;
}

const USAGE =
  'usage: galley orders import-toast DIR --data DATA_DIR --config FILE\n' +
  '  DIR holds a Toast data export: CheckDetails.csv, ItemSelectionDetails.csv, ModifiersSelectionDetails.csv\n' +
  '  (mapped by posConnectors.toastExport of the config); importing the same export twice changes nothing\n';

/** `galley orders import-toast …` parsed; a usage error is a string to print. */
export function parseOrdersImportArgs(argv: string[]): OrdersImportArgs | { help: true } | { error: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { data: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { help: true };
  const [command, dir, ...rest] = positionals;
  if (command !== 'import-toast') return { error: `unknown orders command ${command ?? '(none)'}` };
  if (!dir || rest.length > 0) return { error: 'give exactly one export folder' };
  if (typeof values.data !== 'string' || typeof values.config !== 'string')
    return { error: '--data and --config are required' };
  return { command, dir, dataDir: values.data, configFile: values.config };
}

/** The import against an intake the caller opened (the edge's, or one over the data folder). */
export function importToastExport(
  dir: string,
  intake: OrderIntakePort,
  options: { settings: ToastExportSettings; timeZone: string },
): Promise<ToastImportReport> {
  return importExport(dir, intake, options);
}

/**
 * Runs the command once the launcher has opened an intake for the parsed args; exit
 * 1 when any row was refused, so a scheduled import that lost rows is noticed.
 */
export async function runOrdersImportCommand(
  argv: string[],
  io: CommandIo,
  open: (args: OrdersImportArgs) => Promise<{
    intake: OrderIntakePort;
    settings: ToastExportSettings | undefined;
    timeZone: string;
    close(): Promise<void> | void;
  }>,
): Promise<number> {
  const args = parseOrdersImportArgs(argv);
  if ('help' in args) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ('error' in args) {
    io.stderr.write(`${args.error}\n${USAGE}`);
    return 2;
  }
  const opened = await open(args);
  try {
    if (!opened.settings) {
      io.stderr.write(`${args.configFile} has no posConnectors.toastExport section\n`);
      return 2;
    }
    const report = await importToastExport(args.dir, opened.intake, {
      settings: opened.settings,
      timeZone: opened.timeZone,
    });
    for (const problem of report.problems) io.stderr.write(`${formatToastProblem(problem)}\n`);
    const { applied, duplicate, superseded } = report.outcomes;
    io.stdout.write(
      `${report.checks} checks: ${applied} applied, ${duplicate} duplicates, ${superseded} superseded; ` +
        `${report.skippedChecks} with nothing for the kitchen; ${report.problems.length} problems\n`,
    );
    return report.problems.length > 0 ? 1 : 0;
  } finally {
    await opened.close();
  }
}
