import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { verifyChain } from '../../edge/domains/food-safety/record-chain';
import { DATABASE_FILE } from '../../edge/store/database';
import type { CommandIo } from '../../shared/server/command-io';

const USAGE =
  'usage: galley food-safety verify --data DIR\n' +
  '  checks the hash chain of every food-safety record in the store database under DIR\n' +
  '  (env GALLEY_DATA_DIR); exit 0 when intact, 1 naming the first altered record, 2 on a usage error\n';

/**
 * `galley food-safety verify`: walks the store's food-safety record chain. It opens the
 * database as it is, without migrating it, and reads in one transaction, so a running
 * edge appending meanwhile neither disturbs the walk nor is disturbed.
 */
export async function runFoodSafetyCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command !== 'verify' || rest.length > 0) {
    io.stderr.write(`galley food-safety: unknown command ${command ?? '(none)'}\n${USAGE}`);
    return 2;
  }
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  if (!dataDir) {
    io.stderr.write(`galley food-safety: --data DIR (or GALLEY_DATA_DIR) is required\n${USAGE}`);
    return 2;
  }
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    io.stderr.write(`galley food-safety: no store database at ${file}\n`);
    return 2;
  }
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const hasRecords = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'food_safety_chain_head'")
      .get();
    if (!hasRecords) {
      io.stdout.write('food-safety records: none yet (the database predates them)\n');
      return 0;
    }
    const result = db.transaction(() => verifyChain(db))();
    // Records older than the retention period are pruned under a checkpoint; the walk starts there.
    const from =
      result.fromSeq > 0
        ? `; verified from the checkpoint at record ${result.fromSeq} (older records pruned)`
        : '';
    if (result.ok) {
      const head = result.head ? `; chain head ${result.head.seq} ${result.head.hash}` : '';
      io.stdout.write(`food-safety records intact: ${result.records} records${head}${from}\n`);
      return 0;
    }
    io.stderr.write(
      `food-safety records NOT intact: first altered record: ${result.record}\n` +
        `  ${result.reason}\n` +
        `  ${result.records} records before it verified intact${from}\n`,
    );
    return 1;
  } finally {
    db.close();
  }
}
