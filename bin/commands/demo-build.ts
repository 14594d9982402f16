import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import type { CommandIo } from '../../shared/server/command-io';

/** A browser app the demo serves: its Vite root, relative to the checkout. */
export interface WebApp {
  name: string;
  dir: string;
}

/** The kitchen display (served by the edge) and the regional page (served by central). */
export const DEMO_WEB_APPS: readonly WebApp[] = [
  { name: 'kitchen display', dir: 'display' },
  { name: 'regional page', dir: 'cloud-sync/web' },
];

/**
 * What a browser app's build depends on besides its own folder: the browser-side
 * contracts (`shared/` outside the node-only `shared/server/`, which no bundle may
 * import), the dependency versions and the compiler settings.
 */
const SHARED_INPUTS = ['shared', 'package-lock.json', 'tsconfig.json'];

/** Every file at or under `path` (relative to root), except the folders in `skipped`. */
function filesUnder(root: string, path: string, skipped: ReadonlySet<string>, into: string[]): void {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    into.push(path);
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      if (skipped.has(child)) continue;
      filesUnder(root, child, skipped, into);
    } else if (entry.isFile()) into.push(child);
  }
}

/**
 * A hash of every file the app's build reads (path and content), so an unchanged
 * checkout reuses its build and any edit, pull or `npm install` builds again.
 */
export function sourceFingerprint(root: string, app: WebApp): string {
  const files: string[] = [];
  // Build output is not a source; shared/server is node-only, so no bundle reads it.
  const skipped = new Set([join(app.dir, 'dist'), join('shared', 'server')]);
  for (const input of [app.dir, ...SHARED_INPUTS]) filesUnder(root, input, skipped, files);
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash
      .update(file)
      .update('\0')
      .update(
        createHash('sha256')
          .update(readFileSync(join(root, file)))
          .digest(),
      );
  }
  return hash.digest('hex');
}

/** Where the fingerprint of each app's current build is kept: beside the dependencies, never served. */
function fingerprintFile(root: string, app: WebApp): string {
  return join(root, 'node_modules', '.cache', 'galley-web', `${app.dir.replaceAll('/', '_')}.sha256`);
}

export type BuildOutcome = 'reused' | 'built' | 'failed' | 'no-sources';

/**
 * Builds the app unless its `dist/` was built from exactly these sources. The new
 * build is written beside the old one and swapped in whole, so a process serving
 * `dist/` never sees a half-written folder, and two demos starting at once each end
 * with a complete build.
 */
export function ensureWebAppBuilt(root: string, app: WebApp, io: CommandIo): BuildOutcome {
  const appDir = join(root, app.dir);
  if (!existsSync(join(appDir, 'index.html'))) return 'no-sources';
  const dist = join(appDir, 'dist');
  const stamp = fingerprintFile(root, app);
  const fingerprint = sourceFingerprint(root, app);
  const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
  if (current === fingerprint && existsSync(join(dist, 'index.html'))) return 'reused';

  io.stdout.write(`building the ${app.name} (${current ? 'sources changed' : 'first run'})…\n`);
  const scratch = join(root, '.tmp', 'web-build');
  mkdirSync(scratch, { recursive: true });
  const fresh = join(scratch, `${app.dir.replaceAll('/', '_')}-${process.pid}-${Date.now()}`);
  const built = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      app.dir,
      '--outDir',
      fresh,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (built.status !== 0 || !existsSync(join(fresh, 'index.html'))) {
    io.stderr.write(`${built.stdout ?? ''}${built.stderr ?? ''}`);
    io.stderr.write(`the ${app.name} did not build (${relative(root, appDir)}); the rest of the demo runs\n`);
    rmSync(fresh, { recursive: true, force: true });
    return 'failed';
  }
  const old = `${fresh}-old`;
  if (existsSync(dist)) renameSync(dist, old);
  try {
    renameSync(fresh, dist);
  } catch (err) {
    // Another demo swapped its build in between: it is built from the same sources.
    if (!(err instanceof Error && 'code' in err && (err.code === 'ENOTEMPTY' || err.code === 'EEXIST')))
      throw err;
    rmSync(fresh, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  mkdirSync(join(stamp, '..'), { recursive: true });
  writeFileSync(stamp, `${fingerprint}\n`);
  return 'built';
}

/** Every app the demo serves, built where missing or stale; returns each app's outcome. */
export function ensureDemoWebAppsBuilt(root: string, io: CommandIo): Record<string, BuildOutcome> {
  const outcomes: Record<string, BuildOutcome> = {};
  for (const app of DEMO_WEB_APPS) outcomes[app.dir] = ensureWebAppBuilt(root, app, io);
  return outcomes;
}
