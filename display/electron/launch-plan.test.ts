import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePlan, findChromium, findElectronBinary, planKioskLaunch } from './launch-plan';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  dirs.push(dir);
  return dir;
}

/** A real file on disk, executable or not, for the launcher's existence checks. */
function fileIn(dir: string, name: string, executable: boolean): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

const isExecutable = (path: string) => spawnSync('test', ['-x', path]).status === 0;
const base = {
  edgeUrl: 'http://127.0.0.1:8080/',
  mainScript: '/cache/main.cjs',
  profileDir: '/home/k/.profile',
  windowed: false,
};

describe('kiosk launch decision', () => {
  it('runs Electron when require("electron") names a runnable binary', () => {
    const dir = tempDir();
    const binary = fileIn(dir, 'electron', true);
    const found = findElectronBinary(() => binary, isExecutable);
    expect(found).toBe(binary);
    const plan = planKioskLaunch({ ...base, electronBinary: found, chromiumBinary: '/usr/bin/chromium' });
    expect(plan).toEqual({
      kind: 'electron',
      command: binary,
      args: ['/cache/main.cjs', '--url', 'http://127.0.0.1:8080/'],
    });
    expect(describePlan(plan)).toContain('in Electron');
  });

  it('does not count an Electron installed without its runtime, or a path that is not executable', () => {
    const dir = tempDir();
    expect(
      findElectronBinary(() => {
        throw new Error('Electron failed to install correctly, please delete node_modules/electron');
      }, isExecutable),
    ).toBeUndefined();
    expect(findElectronBinary(() => fileIn(dir, 'electron', false), isExecutable)).toBeUndefined();
    expect(findElectronBinary(() => join(dir, 'missing'), isExecutable)).toBeUndefined();
    expect(findElectronBinary(() => ({ default: 'x' }), isExecutable)).toBeUndefined();
  });

  it('falls back to Chromium kiosk mode with autoplay allowed, and says so', () => {
    const dir = tempDir();
    const chromium = findChromium(isExecutable, [join(dir, 'nope'), fileIn(dir, 'chromium', true)]);
    expect(chromium).toBe(join(dir, 'chromium'));
    const plan = planKioskLaunch({ ...base, electronBinary: undefined, chromiumBinary: chromium });
    expect(plan.kind).toBe('chromium');
    if (plan.kind !== 'chromium') return;
    expect(plan.args).toContain('--kiosk');
    expect(plan.args).toContain('--app=http://127.0.0.1:8080/');
    expect(plan.args).toContain('--autoplay-policy=no-user-gesture-required');
    expect(plan.args).toContain('--user-data-dir=/home/k/.profile');
    expect(describePlan(plan)).toMatch(
      /^Electron runtime not installed here: falling back to Chromium kiosk mode/,
    );
    const windowed = planKioskLaunch({
      ...base,
      windowed: true,
      electronBinary: undefined,
      chromiumBinary: chromium,
    });
    expect(windowed.kind === 'chromium' && windowed.args.includes('--kiosk')).toBe(false);
  });

  it('gives up with a reason when neither is there', () => {
    const plan = planKioskLaunch({ ...base, electronBinary: undefined, chromiumBinary: undefined });
    expect(plan.kind).toBe('none');
    expect(describePlan(plan)).toMatch(/^Cannot start the kiosk: neither the Electron runtime nor Chromium/);
  });

  it('npm run kiosk on this machine (no Electron runtime, Debian chromium) picks Chromium and says so', () => {
    const root = join(import.meta.dirname, '..', '..');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'launch-kiosk.ts'),
        '--dry-run',
        '--url',
        'http://127.0.0.1:18080/',
      ],
      { cwd: root, encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'Electron runtime not installed here: falling back to Chromium kiosk mode (/usr/bin/chromium --kiosk --app=http://127.0.0.1:18080/',
    );
  });
});
