import { createPrivateKey, generateKeyPair, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { altName, type CertificateInfo, describeCertificate } from './certificate-info';
import type { Openssl } from './openssl';
import { ensureTlsDir, readTlsFile, type TlsPaths, writeTlsFile } from './tls-files';

export class TlsMaterialError extends Error {
  readonly code = 'TLS_MATERIAL';
  constructor(message: string) {
    super(message);
    this.name = 'TlsMaterialError';
  }
}

/** Ten years: tablets and devices install the root once, for the life of the box. */
export const ROOT_VALIDITY_DAYS = 3650;

export function rootCommonName(storeId: string): string {
  return `Galley store ${storeId} root CA`;
}

function ecKeyPem(): Promise<string> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      'ec',
      {
        namedCurve: 'prime256v1',
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      },
      (err, _publicKey, privateKey) => (err ? reject(err) : resolve(privateKey)),
    ),
  );
}

/** A positive 128-bit serial, as RFC 5280 §4.1.2.2 asks (unique, at most 20 octets). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return `0x${bytes.toString('hex')}`;
}

/** openssl reads its settings from files; ours never touch the system openssl.cnf. */
async function withScratch<T>(paths: TlsPaths, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(paths.dir, '.scratch-'));
  try {
    return await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RootCa {
  certificate: CertificateInfo;
  keyPem: string;
}

export function loadRootCa(paths: TlsPaths): RootCa | undefined {
  const certPem = readTlsFile(paths.rootCert);
  const keyPem = readTlsFile(paths.rootKey);
  if (certPem === undefined && keyPem === undefined) return undefined;
  if (certPem === undefined || keyPem === undefined) {
    throw new TlsMaterialError(
      `the store CA in ${paths.dir} is incomplete (${certPem === undefined ? paths.rootCert : paths.rootKey} is missing); ` +
        'restore it from a backup: a new root would have to be installed on every tablet and device again',
    );
  }
  const certificate = describeCertificate(certPem);
  if (!new X509Certificate(certPem).checkPrivateKey(privateKeyOf(keyPem))) {
    throw new TlsMaterialError(`${paths.rootKey} is not the key of ${paths.rootCert}`);
  }
  return { certificate, keyPem };
}

/** Commissioning: the store's own root CA (EC P-256, 10 years), unless the data dir has one. */
export async function ensureRootCa(
  paths: TlsPaths,
  storeId: string,
  openssl: Openssl,
): Promise<{ root: RootCa; created: boolean }> {
  const existing = loadRootCa(paths);
  if (existing) return { root: existing, created: false };
  ensureTlsDir(paths);
  const keyPem = await ecKeyPem();
  writeTlsFile(paths.rootKey, keyPem, 'key');
  await withScratch(paths, async (dir) => {
    const cnf = join(dir, 'root.cnf');
    writeFileSync(
      cnf,
      [
        '[req]',
        'distinguished_name = dn',
        'prompt = no',
        'x509_extensions = v3_ca',
        '[dn]',
        'O = Galley',
        `CN = ${rootCommonName(storeId)}`,
        '[v3_ca]',
        'basicConstraints = critical,CA:TRUE,pathlen:0',
        'keyUsage = critical,keyCertSign,cRLSign',
        'subjectKeyIdentifier = hash',
        'authorityKeyIdentifier = keyid:always',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'root.pem');
    await openssl([
      'req',
      '-new',
      '-x509',
      '-config',
      cnf,
      '-key',
      paths.rootKey,
      '-sha256',
      '-days',
      String(ROOT_VALIDITY_DAYS),
      '-set_serial',
      serial(),
      '-out',
      out,
    ]);
    writeTlsFile(paths.rootCert, readTlsFile(out) ?? '', 'certificate');
  });
  const root = loadRootCa(paths);
  if (!root) throw new TlsMaterialError(`openssl wrote no root certificate to ${paths.rootCert}`);
  return { root, created: true };
}

export interface ServerCertificate {
  certificate: CertificateInfo;
  keyPem: string;
}

export function loadServerCertificate(paths: TlsPaths, root: RootCa): ServerCertificate | undefined {
  const certPem = readTlsFile(paths.serverCert);
  const keyPem = readTlsFile(paths.serverKey);
  if (certPem === undefined || keyPem === undefined) return undefined;
  const x509 = new X509Certificate(certPem);
  // A certificate left from another root or key (a restore gone wrong) is re-issued, not served.
  if (!x509.verify(new X509Certificate(root.certificate.pem).publicKey)) return undefined;
  if (!x509.checkPrivateKey(privateKeyOf(keyPem))) return undefined;
  return { certificate: describeCertificate(certPem), keyPem };
}

/** A fresh key and a server certificate for `hosts`, signed by the store root. */
export async function issueServerCertificate(
  paths: TlsPaths,
  root: RootCa,
  options: { storeId: string; hosts: readonly string[]; validityDays: number },
  openssl: Openssl,
): Promise<ServerCertificate> {
  ensureTlsDir(paths);
  const keyPem = await ecKeyPem();
  const altNames = [...new Set(options.hosts.map(altName))];
  await withScratch(paths, async (dir) => {
    const cnf = join(dir, 'server.cnf');
    writeFileSync(
      cnf,
      [
        '[req]',
        'distinguished_name = dn',
        'prompt = no',
        '[dn]',
        'O = Galley',
        `CN = Galley store ${options.storeId} edge`,
        '[v3_server]',
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature',
        'extendedKeyUsage = serverAuth',
        'subjectKeyIdentifier = hash',
        'authorityKeyIdentifier = keyid,issuer',
        'subjectAltName = @alt',
        '[alt]',
        ...altNames.map(
          (name, i) =>
            `${name.startsWith('IP:') ? 'IP' : 'DNS'}.${i + 1} = ${name.slice(name.indexOf(':') + 1)}`,
        ),
        '',
      ].join('\n'),
    );
    const key = join(dir, 'server.key');
    writeFileSync(key, keyPem, { mode: 0o600 });
    const csr = join(dir, 'server.csr');
    const out = join(dir, 'server.pem');
    await openssl(['req', '-new', '-config', cnf, '-key', key, '-out', csr]);
    await openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      paths.rootCert,
      '-CAkey',
      paths.rootKey,
      '-set_serial',
      serial(),
      '-sha256',
      '-days',
      String(options.validityDays),
      '-extfile',
      cnf,
      '-extensions',
      'v3_server',
      '-out',
      out,
    ]);
    // Two renames: a running edge that reads between them sees a mismatched pair and keeps what it serves.
    writeTlsFile(paths.serverKey, keyPem, 'key');
    writeTlsFile(paths.serverCert, readTlsFile(out) ?? '', 'certificate');
  });
  const issued = loadServerCertificate(paths, root);
  if (!issued) throw new TlsMaterialError(`openssl wrote no valid server certificate to ${paths.serverCert}`);
  return issued;
}

function privateKeyOf(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    throw new TlsMaterialError(`not a private key: ${(err as Error).message}`);
  }
}
