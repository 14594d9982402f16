import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../bin/main';
import { ClaimKeyStore } from '../edge/domains/commissioning/claim/claim-key-store';
import { openDatabase } from '../edge/store/database';
import { FakeClock } from '../shared/server/runtime/fake-clock';

const CONFIG = resolve(import.meta.dirname, '../config/demo-store.yaml');

async function galley(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => {
    chunks.out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    chunks.err += c.toString();
  });
  const code = await main(argv, { stdout, stderr });
  return { code, ...chunks };
}

describe('galley claim-key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galley-claim-cli-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** The key as the edge would check it, at `at` ms. */
  function check(key: string, at: number) {
    const db = openDatabase(dir);
    try {
      return new ClaimKeyStore({ db, clock: new FakeClock(at), storeId: 'demo-sh-001' }).check(key);
    } finally {
      db.close();
    }
  }

  it('issue prints the store key once; it works until it expires or is revoked', async () => {
    const issued = await galley(['claim-key', 'issue', '--config', CONFIG, '--data', dir, '--hours', '2']);
    expect(issued.code).toBe(0);
    const key = issued.out.trim();
    expect(key).toMatch(/^gck_demo-sh-001\.[A-Za-z0-9_-]{32}$/);
    expect(issued.err).toMatch(/claim key 1 for demo-sh-001, valid until/);
    const now = Date.now();
    expect(check(key, now)).toBeUndefined();
    expect(check(key, now + 2 * 3_600_000 + 1000)).toBe('claim_key_expired');

    // The list never shows the key again.
    const listed = await galley(['claim-key', 'list', '--config', CONFIG, '--data', dir, '--json']);
    expect(listed.code).toBe(0);
    expect(listed.out).not.toContain(key.split('.')[1]);
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({ id: 1, storeId: 'demo-sh-001', revokedAt: null }),
    ]);

    expect((await galley(['claim-key', 'revoke', '1', '--config', CONFIG, '--data', dir])).code).toBe(0);
    expect(check(key, now)).toBe('claim_key_revoked');
    const text = await galley(['claim-key', 'list', '--config', CONFIG, '--data', dir]);
    expect(text.out).toMatch(/^1\tdemo-sh-001\trevoked\t/);
  });

  it('refuses bad usage clearly', async () => {
    const noHours = await galley(['claim-key', 'issue', '--config', CONFIG, '--data', dir, '--hours', '0']);
    expect(noHours).toMatchObject({ code: 2, err: expect.stringMatching(/--hours must be a whole number/) });
    expect(
      (await galley(['claim-key', 'issue', '--config', CONFIG, '--data', dir, '--hours', '1.5'])).code,
    ).toBe(2);
    expect((await galley(['claim-key', 'issue', '--data', dir])).code).toBe(2);
    expect((await galley(['claim-key', 'revoke', 'abc', '--config', CONFIG, '--data', dir])).code).toBe(2);
    const missing = await galley(['claim-key', 'revoke', '7', '--config', CONFIG, '--data', dir]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/no claim key 7/) });
  });
});
