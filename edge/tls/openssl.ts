import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export class TlsToolError extends Error {
  readonly code: 'OPENSSL_MISSING' | 'OPENSSL_FAILED';
  constructor(code: TlsToolError['code'], message: string) {
    super(message);
    this.name = 'TlsToolError';
    this.code = code;
  }
}

/** Runs `openssl` with arguments (never through a shell); resolves with its stdout. */
export type Openssl = (args: string[]) => Promise<string>;

const DEBIAN_OPENSSL = '/usr/bin/openssl';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Node's crypto makes the keys but cannot sign X.509 certificates, so the store CA
 * uses Debian's openssl CLI: `/usr/bin/openssl`, else the first on PATH
 * (`GALLEY_OPENSSL` names another).
 */
export function locateOpenssl(
  env: NodeJS.ProcessEnv = process.env,
  preferred: readonly string[] = [DEBIAN_OPENSSL],
): string {
  if (env.GALLEY_OPENSSL) {
    if (isExecutable(env.GALLEY_OPENSSL)) return env.GALLEY_OPENSSL;
    throw new TlsToolError('OPENSSL_MISSING', `GALLEY_OPENSSL=${env.GALLEY_OPENSSL} is not an executable`);
  }
  const found = preferred.find(isExecutable);
  if (found) return found;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'openssl'))) return join(dir, 'openssl');
  }
  throw new TlsToolError(
    'OPENSSL_MISSING',
    `the store certificate authority needs the openssl program, found neither at ${preferred.join(', ')} nor on PATH: ` +
      'install it (apt-get install openssl) or set tls.enabled: false in the store config',
  );
}

export function opensslAt(binary: string): Openssl {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile(binary, args, { timeout: 30_000, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) {
          const detail = String(stderr).trim() || err.message;
          reject(new TlsToolError('OPENSSL_FAILED', `openssl ${args[0] ?? ''} failed: ${detail}`));
          return;
        }
        resolve(String(stdout));
      });
    });
}
