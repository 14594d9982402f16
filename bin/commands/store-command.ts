import { parseArgs } from 'node:util';
import { ClosingRefusedError } from '../../edge/domains/closing/closing-errors';
import { closeStore } from '../../edge/domains/closing/store-closing';
import { wipeAllowed, wipeDataDir } from '../../edge/domains/closing/store-wipe';
import { FoodSafetyService } from '../../edge/domains/food-safety/food-safety-service';
import { serviceReportSource } from '../../edge/domains/food-safety/report/service-report-source';
import { EventBus } from '../../edge/runtime/event-bus';
import { openDatabase } from '../../edge/store/database';
import { SyncError } from '../../edge/sync/sync-errors';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { createRootLogger } from '../../shared/server/runtime/logger';
import { parseEdgeOptions, UsageError } from './edge-options';

const USAGE =
  'usage: galley store close --config FILE --data DIR --central-url URL [--central-token-file FILE] [--wipe] [--json]\n' +
  '       galley store wipe --data DIR\n' +
  '  close: confirms the final sync with central, revokes every device and integration credential,\n' +
  '         writes the archive (database, CSV, food-safety PDF, manifest.json with SHA-256), uploads it,\n' +
  '         and has central move the store to closed; --wipe then removes DIR.\n' +
  '  wipe:  removes DIR, only once central has verified the archive and closed the store.\n' +
  '  The store token comes from GALLEY_CENTRAL_TOKEN or --central-token-file, as for `galley edge`.\n';

/** `galley store …`: closes a store on its box (闭店) and wipes the box afterwards. Returns the exit code. */
export async function runStoreCommand(argv: string[], io: CommandIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    if (action === 'close') return await close(rest, io);
    if (action === 'wipe') return wipe(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`galley store: ${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof ClosingRefusedError || err instanceof SyncError) {
      io.stderr.write(`galley store ${action}: refused: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  io.stderr.write(USAGE);
  return 2;
}

async function close(argv: string[], io: CommandIo): Promise<number> {
  const wipeAfter = argv.includes('--wipe');
  const json = argv.includes('--json');
  // The edge's own option parser: the same --config, --data, --central-url and token rules.
  const options = parseEdgeOptions(argv.filter((a) => a !== '--wipe' && a !== '--json'));
  const config = loadStoreConfig(options.configFile);
  const logger = createRootLogger('galley-edge', process.env.GALLEY_LOG_LEVEL ?? 'warn', process.stderr);
  const db = openDatabase(options.dataDir);
  let report: Awaited<ReturnType<typeof closeStore>>;
  try {
    // Read-only use: the report of the store's life from the records, no ticking, no bus traffic.
    const foodSafety = new FoodSafetyService({
      db,
      clock: systemClock,
      logger,
      bus: new EventBus(),
      storeId: config.store.id,
      config,
    });
    report = await closeStore({
      db,
      config,
      dataDir: options.dataDir,
      central: options.central,
      clock: systemClock,
      logger,
      foodSafety: serviceReportSource(foodSafety, () => config),
    });
    if (wipeAfter) wipeAllowed(db);
  } finally {
    db.close();
  }
  const out = {
    storeId: config.store.id,
    finalSeq: report.sync.finalSeq,
    centralSeq: report.sync.centralSeq,
    archive: report.archiveDir,
    files: report.manifest.files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })),
    checksumsVerified: report.ack.checksumsVerified,
    retentionUntil: new Date(report.ack.retentionUntil).toISOString(),
    revoked: report.revoked,
    wiped: wipeAfter,
  };
  if (wipeAfter) wipeDataDir(options.dataDir);
  if (json) io.stdout.write(`${JSON.stringify(out)}\n`);
  else
    io.stdout.write(
      `store ${out.storeId} closed: final seq ${out.finalSeq} (central holds ${out.centralSeq}); ` +
        `archive of ${out.files.length} files verified by central, kept until ${out.retentionUntil}; ` +
        `revoked ${out.revoked.devices.length} devices, ${out.revoked.integrations.length} integrations, ` +
        `${out.revoked.displays.length} displays${wipeAfter ? `; ${options.dataDir} wiped` : ''}\n` +
        `门店 ${out.storeId} 已闭店：最终序号 ${out.finalSeq}（中心已有 ${out.centralSeq}）；` +
        `归档 ${out.files.length} 个文件已由中心校验，保存至 ${out.retentionUntil}；` +
        `已吊销 ${out.revoked.devices.length} 台设备、${out.revoked.integrations.length} 个对接客户端、` +
        `${out.revoked.displays.length} 块显示屏${wipeAfter ? `；${options.dataDir} 已清除` : ''}\n`,
    );
  return 0;
}

function wipe(argv: string[], io: CommandIo): number {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' } } });
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  if (!dataDir) throw new UsageError('--data DIR (or GALLEY_DATA_DIR) is required');
  const db = openDatabase(dataDir);
  let allowed: ReturnType<typeof wipeAllowed>;
  try {
    allowed = wipeAllowed(db);
  } finally {
    db.close();
  }
  wipeDataDir(dataDir);
  io.stdout.write(
    `${dataDir} wiped (archive of ${allowed.files} files through seq ${allowed.finalSeq} at central)\n`,
  );
  return 0;
}
