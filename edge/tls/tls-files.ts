import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the store CA and the box's server certificate live: `DATA_DIR/tls/`. */
export interface TlsPaths {
  dir: string;
  rootKey: string;
  rootCert: string;
  serverKey: string;
  serverCert: string;
}

export function tlsPaths(dataDir: string): TlsPaths {
  const dir = join(dataDir, 'tls');
  return {
    dir,
    rootKey: join(dir, 'root-ca.key'),
    rootCert: join(dir, 'root-ca.pem'),
    serverKey: join(dir, 'server.key'),
    serverCert: join(dir, 'server.pem'),
  };
}

export function ensureTlsDir(paths: TlsPaths): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  chmodSync(paths.dir, 0o700);
}

/**
 * Written beside and renamed into place, so a reader (the running edge, the CLI)
 * never sees half a key; keys are 0600 from the first byte.
 */
export function writeTlsFile(file: string, text: string, kind: 'key' | 'certificate'): void {
  const mode = kind === 'key' ? 0o600 : 0o644;
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, text, { mode });
  chmodSync(partial, mode);
  renameSync(partial, file);
}

export function readTlsFile(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
