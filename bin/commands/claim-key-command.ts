import { parseArgs } from 'node:util';
import { ClaimKeyError, ClaimKeyStore } from '../../edge/domains/commissioning/claim/claim-key-store';
import { openDatabase } from '../../edge/store/database';
import { ClaimKeyHours, type ClaimKeyView, DEFAULT_CLAIM_KEY_HOURS } from '../../shared/api/device-claim';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';

const USAGE =
  'usage: galley claim-key issue --config FILE --data DIR [--hours N] [--json]\n' +
  '       galley claim-key revoke KEY_ID --config FILE --data DIR\n' +
  '       galley claim-key list --config FILE --data DIR [--json]\n' +
  `  issue prints the store's claim key (gck_<storeId>.<secret>) once; it lives --hours (default ${DEFAULT_CLAIM_KEY_HOURS}, at most ${24 * 14}).\n` +
  '  Devices connect with username claim:<serial> and the key as password (docs/device-contract.md).\n' +
  '  --config and --data default to $GALLEY_CONFIG and $GALLEY_DATA_DIR.\n';

/** `galley claim-key …`: the store's claim key for device claim at commissioning. Returns the exit code. */
export async function runClaimKeyCommand(argv: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.stderr.write(`galley claim-key: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [action, keyId, ...extra] = positionals;
  const configFile = values.config ?? process.env.GALLEY_CONFIG;
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  const idOk = action === 'revoke' ? /^\d+$/.test(keyId ?? '') : keyId === undefined;
  if (!(action === 'issue' || action === 'revoke' || action === 'list') || !idOk || extra.length > 0) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (!configFile || !dataDir) {
    io.stderr.write(
      `galley claim-key: ${!configFile ? '--config FILE' : '--data DIR'} is required\n${USAGE}`,
    );
    return 2;
  }
  const hours = ClaimKeyHours.safeParse(
    values.hours === undefined ? DEFAULT_CLAIM_KEY_HOURS : Number(values.hours),
  );
  if (!hours.success) {
    io.stderr.write(`galley claim-key: --hours must be a whole number from 1 to ${24 * 14}\n`);
    return 2;
  }
  let storeId: string;
  try {
    storeId = loadStoreConfig(configFile).store.id;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return 1;
  }

  const db = openDatabase(dataDir);
  try {
    const keys = new ClaimKeyStore({ db, clock: systemClock, storeId });
    const json = values.json ?? false;
    switch (action) {
      case 'issue': {
        const { key, view } = keys.issue(hours.data);
        // The one place the key is shown: to the operator, once. It is stored only as a hash.
        io.stdout.write(json ? `${JSON.stringify({ ...view, key })}\n` : `${key}\n`);
        if (!json)
          io.stderr.write(`claim key ${view.id} for ${storeId}, valid until ${iso(view.expiresAt)}\n`);
        return 0;
      }
      case 'revoke': {
        const view = keys.revoke(Number(keyId));
        io.stdout.write(`claim key ${view.id} revoked\n`);
        return 0;
      }
      case 'list': {
        const list = keys.list();
        io.stdout.write(json ? `${JSON.stringify(list)}\n` : list.map(line).join(''));
        return 0;
      }
    }
  } catch (err) {
    if (!(err instanceof ClaimKeyError)) throw err;
    io.stderr.write(`galley claim-key: ${err.message}\n`);
    return 1;
  } finally {
    db.close();
  }
}

function line(view: ClaimKeyView): string {
  const state =
    view.revokedAt !== null ? 'revoked' : view.expiresAt <= systemClock.now() ? 'expired' : 'active';
  return `${view.id}\t${view.storeId}\t${state}\tissued ${iso(view.issuedAt)}\texpires ${iso(view.expiresAt)}\n`;
}

const iso = (ms: number) => new Date(ms).toISOString();

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      hours: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
