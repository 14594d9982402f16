import { parseArgs } from 'node:util';
import { RestoreError, restoreFromCentral } from '../../edge/sync/backup/restore-from-central';
import type { CommandIo } from '../../shared/server/command-io';

export const EDGE_RESTORE_USAGE =
  'usage: galley edge restore --from-central URL --store STORE_ID --token TOKEN --data DIR [--force]\n' +
  "  puts the store's newest backup at central into DIR for a replacement box: checks its sha256,\n" +
  '  SQLite integrity and the food-safety record chain, and numbers new sync events above what\n' +
  '  central holds. TOKEN is the store token (gst_…; env GALLEY_CENTRAL_TOKEN) or an admin session.\n' +
  '  DIR must be empty unless --force (which replaces only its database files).\n' +
  '  Exit 0 restored, 1 refused (named why), 2 usage error.\n';

/** `galley edge restore`: a new box from the store's newest backup at central. */
export async function runEdgeRestoreCommand(argv: string[], io: CommandIo): Promise<number> {
  let values: {
    'from-central'?: string;
    store?: string;
    token?: string;
    data?: string;
    force?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'from-central': { type: 'string' },
        store: { type: 'string' },
        token: { type: 'string' },
        data: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.stderr.write(`galley edge restore: ${(err as Error).message}\n\n${EDGE_RESTORE_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(EDGE_RESTORE_USAGE);
    return 0;
  }
  const centralUrl = values['from-central'] ?? process.env.GALLEY_CENTRAL_URL;
  const token = values.token ?? process.env.GALLEY_CENTRAL_TOKEN;
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  const missing = [
    ...(centralUrl ? [] : ['--from-central URL']),
    ...(values.store ? [] : ['--store STORE_ID']),
    ...(token ? [] : ['--token TOKEN']),
    ...(dataDir ? [] : ['--data DIR']),
  ];
  if (!centralUrl || !values.store || !token || !dataDir) {
    io.stderr.write(`galley edge restore: missing ${missing.join(', ')}\n\n${EDGE_RESTORE_USAGE}`);
    return 2;
  }
  try {
    const done = await restoreFromCentral({
      centralUrl,
      storeId: values.store,
      token,
      dataDir,
      force: values.force ?? false,
    });
    const head = done.chainHead ? `; chain head ${done.chainHead.seq} ${done.chainHead.hash}` : '';
    io.stdout.write(
      `restored store ${values.store} into ${dataDir} from the backup taken ${new Date(done.takenAt).toISOString()}\n` +
        `  sha256 ${done.sha256} verified; ${done.packedBytes} bytes packed, ${done.bytes} bytes database; integrity ok\n` +
        `  food-safety records intact: ${done.chainRecords} records${head}\n` +
        `  outbox: ${done.pendingEvents} events to send again (central keeps each seq once); ` +
        `next seq ${done.nextSeq} (backup at ${done.backupSeq}, central at ${done.centralSeq})\n` +
        (done.replaced.length > 0 ? `  replaced: ${done.replaced.join(', ')}\n` : '') +
        '  start the box with `galley edge --data DIR …`, then have the POS re-send its orders since that time\n',
    );
    return 0;
  } catch (err) {
    if (err instanceof RestoreError) {
      io.stderr.write(`galley edge restore: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
