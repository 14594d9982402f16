import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWebAppBuilt, sourceFingerprint, type WebApp } from '../bin/commands/demo-build';

const ROOT = join(import.meta.dirname, '..');

function bufferIo() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } },
    out: () => out,
    err: () => err,
  };
}

/** A checkout with one tiny Vite app and the real node_modules, so the build is the real one. */
function scratchCheckout(): string {
  const root = mkdtempSync(join(tmpdir(), 'galley-demo-build-'));
  // The real packages, linked one by one: the build's cache of fingerprints stays in the scratch tree.
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '.cache') symlinkSync(join(ROOT, 'node_modules', name), join(root, 'node_modules', name));
  }
  mkdirSync(join(root, 'app', 'src'), { recursive: true });
  mkdirSync(join(root, 'shared', 'server'), { recursive: true });
  writeFileSync(
    join(root, 'app', 'index.html'),
    '<!doctype html><script type="module" src="./src/main.js"></script>',
  );
  writeFileSync(join(root, 'app', 'src', 'main.js'), "document.title = 'one';\n");
  writeFileSync(join(root, 'shared', 'ids.ts'), 'export const A = 1;\n');
  writeFileSync(join(root, 'shared', 'server', 'node-only.ts'), 'export const B = 1;\n');
  return root;
}

describe('the demo builds its web pages once and again only when their sources change', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('fingerprints the app and shared/, not build output nor shared/server', () => {
    root = mkdtempSync(join(tmpdir(), 'galley-fingerprint-'));
    mkdirSync(join(root, 'app', 'dist'), { recursive: true });
    mkdirSync(join(root, 'shared', 'server'), { recursive: true });
    writeFileSync(join(root, 'app', 'index.html'), 'a');
    writeFileSync(join(root, 'shared', 'ids.ts'), 'x');
    const app: WebApp = { name: 'app', dir: 'app' };
    const first = sourceFingerprint(root, app);
    writeFileSync(join(root, 'shared', 'server', 'node.ts'), 'node only');
    expect(sourceFingerprint(root, app)).toBe(first);
    writeFileSync(join(root, 'shared', 'ids.ts'), 'y');
    const second = sourceFingerprint(root, app);
    expect(second).not.toBe(first);
    writeFileSync(join(root, 'app', 'index.html'), 'b');
    expect(sourceFingerprint(root, app)).not.toBe(second);
  });

  it('builds on the first run, reuses the build, and builds again after an edit', { timeout: 90_000 }, () => {
    root = scratchCheckout();
    const app: WebApp = { name: 'test page', dir: 'app' };
    const first = bufferIo();
    expect(ensureWebAppBuilt(root, app, first.io)).toBe('built');
    expect(first.out()).toMatch(/building the test page \(first run\)/);
    const builtHtml = readFileSync(join(root, 'app', 'dist', 'index.html'), 'utf8');
    expect(builtHtml).toMatch(/assets\/index-.*\.js/);

    const again = bufferIo();
    expect(ensureWebAppBuilt(root, app, again.io)).toBe('reused');
    expect(again.out()).toBe('');

    writeFileSync(join(root, 'app', 'src', 'main.js'), "document.title = 'two';\n");
    const edited = bufferIo();
    expect(ensureWebAppBuilt(root, app, edited.io)).toBe('built');
    expect(edited.out()).toMatch(/sources changed/);

    // A deleted build is built again even though the sources did not change.
    rmSync(join(root, 'app', 'dist'), { recursive: true });
    expect(ensureWebAppBuilt(root, app, bufferIo().io)).toBe('built');
    expect(readFileSync(join(root, 'app', 'dist', 'index.html'), 'utf8')).toMatch(/assets\/index-/);
  });

  it('reports a broken build and leaves the last good one in place', { timeout: 90_000 }, () => {
    root = scratchCheckout();
    const app: WebApp = { name: 'test page', dir: 'app' };
    expect(ensureWebAppBuilt(root, app, bufferIo().io)).toBe('built');
    const good = readFileSync(join(root, 'app', 'dist', 'index.html'), 'utf8');
    writeFileSync(join(root, 'app', 'src', 'main.js'), 'this is not javascript (;\n');
    const broken = bufferIo();
    expect(ensureWebAppBuilt(root, app, broken.io)).toBe('failed');
    expect(broken.err()).toMatch(/the test page did not build/);
    expect(readFileSync(join(root, 'app', 'dist', 'index.html'), 'utf8')).toBe(good);
  });
});
