import { OrdersRoom } from '../../edge/domains/orders/orders-room';
import { openDatabase } from '../../edge/store/database';
import type { CommandIo } from '../../shared/server/command-io';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { createRootLogger } from '../../shared/server/runtime/logger';
import { runOrdersImportCommand } from './orders-import-command';

/**
 * `galley orders import-toast DIR --data DATA_DIR --config FILE`: a Toast export into the
 * store's database, through the same intake as the live feeds (so a re-import is all
 * duplicates). The edge may be running on the same folder: SQLite takes turns.
 */
export function runOrdersCommand(argv: string[], io: CommandIo): Promise<number> {
  return runOrdersImportCommand(argv, io, async (args) => {
    const config = loadStoreConfig(args.configFile);
    const db = openDatabase(args.dataDir);
    const room = new OrdersRoom({
      db,
      clock: systemClock,
      // The edge's own work, done from the command line: its log lines go to stderr.
      logger: createRootLogger('galley-edge', 'warn', process.stderr),
      storeId: config.store.id,
      settings: () => ({ kitchen: config.kitchen, timezone: config.store.timezone }),
    });
    return {
      intake: room.intake,
      settings: config.posConnectors.toastExport,
      timeZone: config.store.timezone,
      close: () => {
        db.close();
      },
    };
  });
}
