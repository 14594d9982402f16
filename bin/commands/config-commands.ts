import { parseArgs } from 'node:util';
import { z } from 'zod';
import { StoreConfig } from '../../shared/config/store-config';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';

export async function runConfigCheckCommand(argv: string[], io: CommandIo): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true });
  const file = positionals[0] ?? process.env.GALLEY_CONFIG;
  if (!file) {
    io.stderr.write('usage: galley config-check FILE\n');
    return 2;
  }
  try {
    const config = loadStoreConfig(file);
    io.stdout.write(
      `${file}: ok — store ${config.store.id}, ${config.equipment.length} pieces of equipment\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return 1;
  }
}

export async function runConfigSchemaCommand(_argv: string[], io: CommandIo): Promise<number> {
  io.stdout.write(
    `${JSON.stringify(z.toJSONSchema(StoreConfig, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`,
  );
  return 0;
}
