import { parseArgs } from 'node:util';
import { loadRootCa, TlsMaterialError } from '../../edge/tls/certificate-authority';
import type { CertificateInfo } from '../../edge/tls/certificate-info';
import { TlsToolError } from '../../edge/tls/openssl';
import { commissionTls, type TlsCommissioned } from '../../edge/tls/store-tls';
import { tlsPaths } from '../../edge/tls/tls-files';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';

const USAGE = `usage: galley tls init --config FILE --data DIR [--json]
       galley tls show-root --data DIR [--pem | --json]
       galley tls rotate-server --config FILE --data DIR [--json]

  init           commission the store CA (once; kept if DIR has one) and the box's server certificate
  show-root      the root to install on tablets and devices: file, SHA-256 fingerprint, SPKI hash
                 (--pem prints the certificate itself)
  rotate-server  a new server key and certificate now; a running edge serves it after SIGHUP
                 or at its next certificate check (every 6 h)
  --config and --data default to $GALLEY_CONFIG and $GALLEY_DATA_DIR.
`;

const ACTIONS = ['init', 'show-root', 'rotate-server'] as const;
type Action = (typeof ACTIONS)[number];

function isAction(value: string | undefined): value is Action {
  return (ACTIONS as readonly string[]).includes(value ?? '');
}

/** `galley tls …`: the store's certificate authority and the box's server certificate. */
export async function runTlsCommand(argv: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.stderr.write(`galley tls: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [action, ...extra] = positionals;
  if (!isAction(action) || extra.length > 0) {
    io.stderr.write(USAGE);
    return 2;
  }
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  if (!dataDir) {
    io.stderr.write(`galley tls: --data DIR is required\n${USAGE}`);
    return 2;
  }
  try {
    if (action === 'show-root') return showRoot(dataDir, values, io);
    const configFile = values.config ?? process.env.GALLEY_CONFIG;
    if (!configFile) {
      io.stderr.write(`galley tls: --config FILE is required for ${action} (the store id and host names)\n`);
      return 2;
    }
    const config = loadStoreConfig(configFile);
    const done = await commissionTls({
      dataDir,
      storeId: config.store.id,
      settings: config.tls,
      now: Date.now(),
      ...(action === 'rotate-server' ? { reissue: 'rotated' as const } : {}),
    });
    io.stdout.write(values.json ? `${JSON.stringify(summary(done))}\n` : describe(done));
    if (!config.tls.enabled && !values.json) {
      io.stdout.write('note: tls.enabled is false in the store config, so the edge does not serve TLS yet\n');
    }
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof TlsToolError || err instanceof TlsMaterialError) {
      io.stderr.write(`galley tls: ${err.message}\n`);
      return 1;
    }
    throw err;
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
      pem: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function showRoot(dataDir: string, values: { json?: boolean; pem?: boolean }, io: CommandIo): number {
  const paths = tlsPaths(dataDir);
  const root = loadRootCa(paths);
  if (!root) {
    io.stderr.write(
      `galley tls: no store CA in ${paths.dir} yet: run \`galley tls init\` or start the edge once\n`,
    );
    return 1;
  }
  const cert = root.certificate;
  if (values.pem) io.stdout.write(cert.pem);
  else if (values.json)
    io.stdout.write(`${JSON.stringify({ file: paths.rootCert, ...certSummary(cert) })}\n`);
  else io.stdout.write(rootLines(paths.rootCert, cert));
  return 0;
}

function certSummary({ subject, fingerprintSha256, spkiSha256, notAfter, altNames }: CertificateInfo) {
  return { subject, fingerprintSha256, spkiSha256, notAfter: new Date(notAfter).toISOString(), altNames };
}

function summary(done: TlsCommissioned) {
  const { altNames: _none, ...root } = certSummary(done.root.certificate);
  return {
    root: { file: done.paths.rootCert, created: done.rootCreated, ...root },
    server: {
      file: done.paths.serverCert,
      issued: done.serverIssued ?? null,
      ...certSummary(done.server.certificate),
    },
  };
}

function rootLines(file: string, cert: CertificateInfo): string {
  return [
    `store root CA  ${file}`,
    `  subject      ${cert.subject}`,
    `  SHA-256      ${cert.fingerprintSha256}`,
    `  SPKI SHA-256 ${cert.spkiSha256}`,
    `  valid until  ${new Date(cert.notAfter).toISOString()}`,
    '',
  ].join('\n');
}

function describe(done: TlsCommissioned): string {
  const server = done.server.certificate;
  return [
    done.rootCreated ? 'created the store root CA' : 'the store root CA was already there',
    rootLines(done.paths.rootCert, done.root.certificate).trimEnd(),
    done.serverIssued
      ? `issued the server certificate (${done.serverIssued})`
      : 'the server certificate is current',
    `server         ${done.paths.serverCert}`,
    `  names        ${server.altNames.join(', ')}`,
    `  valid until  ${new Date(server.notAfter).toISOString()}`,
    '',
  ].join('\n');
}
