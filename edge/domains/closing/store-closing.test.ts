import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStoreConfig } from '../../../shared/server/config/load-store-config';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { DeviceCredentials } from '../../store/credentials-store';
import { type Database, openDatabase } from '../../store/database';
import { OutboxStore } from '../../sync/outbox-store';
import { ClaimKeyStore } from '../commissioning/claim/claim-key-store';
import { ClosingRefusedError } from './closing-errors';
import { ClosingRecords } from './closing-record';
import { revokeEveryCredential } from './credential-revocation';
import { confirmFinalSync } from './final-sync';
import { RevokedIntegrations } from './revoked-integrations';
import { closeStore } from './store-closing';
import { wipeAllowed } from './store-wipe';

const config = loadStoreConfig(join(import.meta.dirname, '..', '..', '..', 'config', 'demo-store.yaml'));

describe('the closing steps on the box', () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-closing-unit-'));
  let db: Database;
  const clock = new FakeClock();

  beforeAll(() => {
    clock.advanceTo(Date.parse('2026-12-07T08:00:00Z'));
    db = openDatabase(dir);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (n: number) =>
    db
      .prepare(
        "INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES (?, ?, 'ticket.opened', ?, '{}', 0)",
      )
      .run(config.store.id, clock.now(), n);

  it('refuses the final sync while events wait or central holds less, naming both numbers', () => {
    for (let n = 1; n <= 3; n++) event(n);
    expect(() => confirmFinalSync(db, 0)).toThrow(
      /3 event\(s\) still in the outbox.*central holds up to seq 0, the box handed out up to 3/,
    );
    new OutboxStore(db).acknowledge([1, 2, 3], clock.now());
    const behind = (() => {
      try {
        confirmFinalSync(db, 2);
      } catch (err) {
        return err;
      }
    })();
    expect(behind).toBeInstanceOf(ClosingRefusedError);
    expect((behind as ClosingRefusedError).figures).toEqual({ finalSeq: 3, centralSeq: 2 });
    expect(confirmFinalSync(db, 3)).toEqual({ finalSeq: 3, centralSeq: 3, lastAckedSeq: 3 });
  });

  it('revokes every device, integration and claim key, and a second run finds them revoked', () => {
    const devices = new DeviceCredentials({ db, clock });
    const ids = config.equipment.slice(0, 3).map((e) => e.id);
    const secrets = ids.map((id) => devices.add(id));
    new ClaimKeyStore({ db, clock, storeId: config.store.id }).issue(24);
    const first = revokeEveryCredential(db, config, clock, 'store closing');
    expect(first.devices).toEqual([...ids].sort());
    expect(first.integrations).toEqual(config.integrations.map((c) => c.username));
    expect(first.integrations).toContain('pos-demo');
    expect(first.claimKeys).toBe(1);
    expect(ids.map((id, i) => devices.check(id, secrets[i] ?? ''))).toEqual(ids.map(() => 'revoked'));
    expect(new RevokedIntegrations(db).has('pos-demo')).toBe(true);
    expect(new RevokedIntegrations(db).has('someone-else')).toBe(false);
    const again = revokeEveryCredential(db, config, clock, 'store closing');
    expect(again.devices).toEqual(first.devices);
    expect(again.claimKeys).toBe(0);
  });

  it('wipes only once central verified the archive and closed the store', async () => {
    expect(() => wipeAllowed(db)).toThrow(/has not confirmed the archive/);
    const records = new ClosingRecords(db);
    records.start(clock.now());
    const ack = {
      storeId: config.store.id,
      finalSeq: 3,
      checksumsVerified: true as const,
      files: [{ name: 'store.sqlite', sha256: 'a'.repeat(64), bytes: 4096 }],
      size: 4096,
      uploadedAt: clock.now(),
      retentionUntil: clock.now() + 1,
    };
    records.record({ step: 'archived', dir: join(dir, 'closing-archive'), ack, at: clock.now() });
    expect(() => wipeAllowed(db)).toThrow(/not closed yet/);
    records.record({ step: 'closed', at: clock.now() });
    expect(wipeAllowed(db)).toEqual({ finalSeq: 3, files: 1 });
    // Run again after the store closed: told so before anything reaches central (its token is dead).
    await expect(
      closeStore({
        db,
        config,
        dataDir: dir,
        central: { url: 'http://127.0.0.1:9', token: 'gst_x.y' },
        clock,
        logger: silentLogger(),
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_CLOSED' });
  });
});
