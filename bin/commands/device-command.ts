import { parseArgs } from 'node:util';
import { CredentialError, DeviceCredentials } from '../../edge/store/credentials-store';
import { openDatabase } from '../../edge/store/database';
import { type DeviceRoot, rootForDevices } from '../../edge/tls/device-root';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';

const ACTIONS = ['add', 'rotate', 'revoke', 'list'] as const;
type Action = (typeof ACTIONS)[number];

const USAGE =
  'usage: galley device {add|rotate|revoke} EQUIPMENT_ID --config FILE --data DIR [--json]\n' +
  '       galley device list --config FILE --data DIR [--json]\n' +
  '  add/rotate print the new secret once; it cannot be shown again.\n' +
  '  --config and --data default to $GALLEY_CONFIG and $GALLEY_DATA_DIR.\n';

function isAction(value: string | undefined): value is Action {
  return (ACTIONS as readonly string[]).includes(value ?? '');
}

/** `galley device …`: provisions, rotates, revokes and lists device credentials. Returns the exit code. */
export async function runDeviceCommand(argv: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.stderr.write(`galley device: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [action, equipmentId, ...extra] = positionals;
  const configFile = values.config ?? process.env.GALLEY_CONFIG;
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  const needsId = action !== 'list';
  if (!isAction(action) || extra.length > 0 || (needsId ? !equipmentId : equipmentId !== undefined)) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (!configFile || !dataDir) {
    io.stderr.write(`galley device: ${!configFile ? '--config FILE' : '--data DIR'} is required\n${USAGE}`);
    return 2;
  }

  let config: ReturnType<typeof loadStoreConfig>;
  try {
    config = loadStoreConfig(configFile);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return 1;
  }
  if (equipmentId !== undefined && !config.equipment.some((e) => e.id === equipmentId)) {
    io.stderr.write(
      `galley device: no equipment "${equipmentId}" in ${configFile} (store ${config.store.id}); ` +
        `known: ${config.equipment.map((e) => e.id).join(', ')}\n`,
    );
    return 1;
  }

  const db = openDatabase(dataDir);
  try {
    const credentials = new DeviceCredentials({ db, clock: systemClock });
    const tls = action === 'add' || action === 'rotate' ? await rootForDevices(dataDir, config) : undefined;
    return perform(action, equipmentId ?? '', credentials, values.json ?? false, io, tls);
  } catch (err) {
    if (!(err instanceof CredentialError)) throw err;
    io.stderr.write(`galley device: ${err.message}\n`);
    return 1;
  } finally {
    db.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function perform(
  action: Action,
  equipmentId: string,
  credentials: DeviceCredentials,
  json: boolean,
  io: CommandIo,
  tls: DeviceRoot,
): number {
  switch (action) {
    case 'add':
    case 'rotate': {
      const secret = action === 'add' ? credentials.add(equipmentId) : credentials.rotate(equipmentId);
      const root =
        tls && 'file' in tls ? { rootCa: tls.file, rootFingerprintSha256: tls.fingerprintSha256 } : {};
      io.stdout.write(
        json ? `${JSON.stringify({ equipmentId, secret, ...root })}\n` : `${equipmentId} secret: ${secret}\n`,
      );
      // stdout stays the secret alone (scripts capture it); the root is a note beside it.
      if (tls && 'file' in tls && !json) {
        io.stderr.write(`store root CA for MQTT over TLS: ${tls.file} (SHA-256 ${tls.fingerprintSha256})\n`);
      }
      if (tls && 'problem' in tls) {
        io.stderr.write(`galley device: no store root CA to give the device: ${tls.problem}\n`);
      }
      return 0;
    }
    case 'revoke':
      credentials.revoke(equipmentId);
      io.stdout.write(
        json ? `${JSON.stringify({ equipmentId, revoked: true })}\n` : `${equipmentId} revoked\n`,
      );
      return 0;
    case 'list': {
      const rows = credentials.list();
      if (json) {
        io.stdout.write(`${JSON.stringify(rows)}\n`);
      } else if (rows.length === 0) {
        io.stdout.write('no device credentials yet\n');
      } else {
        for (const row of rows) {
          const changed = row.revokedAt ?? row.rotatedAt ?? row.createdAt;
          io.stdout.write(`${row.equipmentId}\t${row.state}\t${new Date(changed).toISOString()}\n`);
        }
      }
      return 0;
    }
  }
}
