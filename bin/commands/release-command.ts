import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dependencyTreeHash } from '../../edge/runtime/updates/lock-hash';
import { RELEASE_ENTRY, type ReleasePackage, ReleaseVersion } from '../../shared/central/edge-releases';
import type { CommandIo } from '../../shared/server/command-io';
import { buildEdgeBundle } from '../compiled-edge.js';

const ROOT = join(import.meta.dirname, '..', '..');

const USAGE =
  'usage: galley release pack --version X --out FILE\n' +
  '  Builds the edge bundle from this checkout with version label X and writes one JSON file:\n' +
  '  {manifest: {version, sha256, bytes, nodeMajor, lockHash, …}, bundleBase64}.\n' +
  '  Upload it to central with POST /api/admin/releases (admin), then start a rollout.\n';

/** Packs a release from the checkout: the compiled edge with its label, and its manifest. */
export async function packRelease(options: {
  version: string;
  out: string;
  root?: string;
}): Promise<ReleasePackage> {
  const root = options.root ?? ROOT;
  const version = ReleaseVersion.parse(options.version);
  const work = mkdtempSync(join(tmpdir(), 'galley-release-'));
  try {
    const bundleFile = join(work, RELEASE_ENTRY);
    await buildEdgeBundle(bundleFile, { 'process.env.GALLEY_RELEASE_VERSION': JSON.stringify(version) });
    const bundle = readFileSync(bundleFile);
    const pkg: ReleasePackage = {
      manifest: {
        format: 1,
        version,
        sha256: createHash('sha256').update(bundle).digest('hex'),
        bytes: bundle.length,
        nodeMajor: Number(process.versions.node.split('.')[0]),
        lockHash: dependencyTreeHash(readFileSync(join(root, 'package-lock.json'), 'utf8')),
        builtAt: Date.now(),
        entry: RELEASE_ENTRY,
      },
      bundleBase64: bundle.toString('base64'),
    };
    writeFileSync(options.out, JSON.stringify(pkg));
    return pkg;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `galley release pack --version X --out FILE`. Returns the exit code. */
export async function runReleaseCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { version: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (positionals[0] !== 'pack' || positionals.length !== 1 || !values.version || !values.out) {
    io.stderr.write(USAGE);
    return 2;
  }
  const label = ReleaseVersion.safeParse(values.version);
  if (!label.success) {
    io.stderr.write(`galley release: --version: ${label.error.issues[0]?.message ?? 'invalid'}\n`);
    return 2;
  }
  const out = resolve(values.out);
  const pkg = await packRelease({ version: label.data, out });
  io.stdout.write(
    `release ${pkg.manifest.version} packed: ${out} (${pkg.manifest.bytes} bytes, sha256 ${pkg.manifest.sha256}, ` +
      `Node ${pkg.manifest.nodeMajor}, dependency tree ${pkg.manifest.lockHash.slice(0, 12)}…)\n`,
  );
  return 0;
}
