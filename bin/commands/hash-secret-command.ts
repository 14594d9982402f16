import { parseArgs } from 'node:util';
import type { CommandIo } from '../../shared/server/command-io';
import { hashSecret } from '../../shared/server/secret-hash';

/** `galley hash-secret [--fast] SECRET`: hashes for `users[].pinHash` and `integrations[].secretHash`. */
export async function runHashSecretCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { fast: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  const secret = positionals[0];
  if (values.help || !secret || positionals.length !== 1) {
    io.stderr.write(
      'usage: galley hash-secret [--fast] SECRET\n' +
        '  scrypt by default (PINs, passwords); --fast for long random machine secrets\n',
    );
    return values.help ? 0 : 2;
  }
  io.stdout.write(`${hashSecret(secret, values.fast ? 'sha256' : 'scrypt')}\n`);
  return 0;
}
