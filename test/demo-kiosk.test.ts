import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskProblems } from '../bin/commands/display-command';

const GALLEY = join(import.meta.dirname, '..', 'bin', 'galley.js');

describe('npm run kiosk: the check before Chromium or Electron starts', () => {
  const desk = { env: { DISPLAY: ':0' }, uid: 1000, platform: 'linux' as const, argv: [] };

  it('starts on a desktop session of an ordinary user', () => {
    expect(kioskProblems(desk)).toEqual([]);
    expect(kioskProblems({ ...desk, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toEqual([]);
  });

  it('says there is no screen when neither DISPLAY nor WAYLAND_DISPLAY is set', () => {
    const problems = kioskProblems({ ...desk, env: {} });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/neither DISPLAY nor WAYLAND_DISPLAY is set/);
    expect(problems[0]).toMatch(/DISPLAY=:0 npm run kiosk/);
    // An empty variable is no display either.
    expect(kioskProblems({ ...desk, env: { DISPLAY: '' } })).toHaveLength(1);
  });

  it('gives the --no-sandbox guidance to root, and lets root through once it is given', () => {
    const root = { ...desk, uid: 0 };
    const problems = kioskProblems(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/running as root/);
    expect(problems[0]).toMatch(/npm run kiosk -- --no-sandbox/);
    expect(kioskProblems({ ...root, argv: ['--no-sandbox'] })).toEqual([]);
  });

  it('names both problems at once, and none on platforms without X11 or Wayland', () => {
    expect(kioskProblems({ env: {}, uid: 0, platform: 'linux', argv: [] })).toHaveLength(2);
    expect(kioskProblems({ env: {}, uid: undefined, platform: 'win32', argv: [] })).toEqual([]);
  });

  it('galley display kiosk refuses with the explanation, not a browser error, and exits 1', () => {
    const run = spawnSync(process.execPath, [GALLEY, 'display', 'kiosk'], {
      encoding: 'utf8',
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/kiosk: cannot start here/);
    expect(run.stderr).toMatch(/neither DISPLAY nor WAYLAND_DISPLAY is set/);
    expect(run.stderr).not.toMatch(/zygote|sandbox is not supported/i);
  });
});
