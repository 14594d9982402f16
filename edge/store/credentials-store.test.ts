import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { CredentialError, DeviceCredentials } from './credentials-store';
import { type Database, openDatabase } from './database';

describe('DeviceCredentials', () => {
  let dir: string;
  let db: Database;
  let clock: FakeClock;
  let credentials: DeviceCredentials;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galley-'));
    db = openDatabase(dir);
    clock = new FakeClock();
    credentials = new DeviceCredentials({ db, clock });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the secret it issued and nothing else', () => {
    const secret = credentials.add('fryer-1');
    expect(credentials.verify('fryer-1', secret)).toBe(true);
    expect(credentials.check('fryer-1', `${secret}x`)).toBe('bad_secret');
    expect(credentials.check('fryer-2', secret)).toBe('not_provisioned');
  });

  it('stores only a salted hash, never the secret', () => {
    const secret = credentials.add('fryer-1');
    const row = db.prepare('SELECT secret_hash FROM device_credentials').get() as { secret_hash: string };
    expect(row.secret_hash.startsWith('sha256$')).toBe(true);
    expect(row.secret_hash).not.toContain(secret);
  });

  it('refuses a second add while the first secret is active', () => {
    credentials.add('fryer-1');
    expect(() => credentials.add('fryer-1')).toThrow(CredentialError);
  });

  it('rotation invalidates the old secret at once', () => {
    const old = credentials.add('fryer-1');
    clock.advance(1000);
    const fresh = credentials.rotate('fryer-1');
    expect(credentials.verify('fryer-1', old)).toBe(false);
    expect(credentials.verify('fryer-1', fresh)).toBe(true);
    expect(credentials.list()[0]?.rotatedAt).toBe(clock.now());
  });

  it('revocation refuses the secret and shows in the list; add re-provisions', () => {
    const secret = credentials.add('fryer-1');
    credentials.revoke('fryer-1');
    expect(credentials.check('fryer-1', secret)).toBe('revoked');
    expect(credentials.list()).toMatchObject([{ equipmentId: 'fryer-1', state: 'revoked' }]);
    const again = credentials.add('fryer-1');
    expect(credentials.verify('fryer-1', again)).toBe(true);
  });

  it('rotate and revoke of an unknown device fail with a code', () => {
    expect(() => credentials.rotate('ghost')).toThrow(
      expect.objectContaining({ code: 'CREDENTIAL_NOT_FOUND' }),
    );
    expect(() => credentials.revoke('ghost')).toThrow(
      expect.objectContaining({ code: 'CREDENTIAL_NOT_FOUND' }),
    );
  });
});
