import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceCredentials } from '../../edge/store/credentials-store';
import { openDatabase } from '../../edge/store/database';
import { systemClock } from '../../shared/server/runtime/clock';
import { runDeviceCommand } from './device-command';

const CONFIG = resolve(import.meta.dirname, '../../config/demo-store.yaml');

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => {
    chunks.out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    chunks.err += c.toString();
  });
  const code = await runDeviceCommand(argv, { stdout, stderr });
  return { code, ...chunks };
}

describe('galley device', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galley-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('add --json prints a secret that the store then accepts', async () => {
    const equipmentId = 'fryer-1';
    const r = await run(['add', equipmentId, '--config', CONFIG, '--data', dir, '--json']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as { equipmentId: string; secret: string };
    expect(printed.equipmentId).toBe(equipmentId);
    const db = openDatabase(dir);
    try {
      expect(new DeviceCredentials({ db, clock: systemClock }).verify(equipmentId, printed.secret)).toBe(
        true,
      );
    } finally {
      db.close();
    }
  });

  it('rotate replaces the secret, revoke and list report the state', async () => {
    const first = JSON.parse(
      (await run(['add', 'fryer-1', '--config', CONFIG, '--data', dir, '--json'])).out,
    );
    const rotated = await run(['rotate', 'fryer-1', '--config', CONFIG, '--data', dir, '--json']);
    expect(JSON.parse(rotated.out).secret).not.toBe(first.secret);
    expect((await run(['revoke', 'fryer-1', '--config', CONFIG, '--data', dir])).code).toBe(0);
    const list = await run(['list', '--config', CONFIG, '--data', dir, '--json']);
    expect(JSON.parse(list.out)).toMatchObject([{ equipmentId: 'fryer-1', state: 'revoked' }]);
  });

  it('refuses equipment that is not in the config, naming it', async () => {
    const r = await run(['add', 'no-such-thing', '--config', CONFIG, '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no equipment "no-such-thing"');
  });

  it('a second add fails clearly instead of replacing the secret', async () => {
    await run(['add', 'fryer-1', '--config', CONFIG, '--data', dir]);
    const r = await run(['add', 'fryer-1', '--config', CONFIG, '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('use rotate');
  });

  it('takes --config and --data from the environment twins', async () => {
    process.env.GALLEY_CONFIG = CONFIG;
    process.env.GALLEY_DATA_DIR = dir;
    try {
      const r = await run(['add', 'fryer-1']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^fryer-1 secret: \S+\n$/);
    } finally {
      delete process.env.GALLEY_CONFIG;
      delete process.env.GALLEY_DATA_DIR;
    }
  });

  it('usage errors exit 2', async () => {
    expect((await run(['frobnicate', 'x', '--config', CONFIG, '--data', dir])).code).toBe(2);
    expect((await run(['add', '--config', CONFIG, '--data', dir])).code).toBe(2);
  });
});
