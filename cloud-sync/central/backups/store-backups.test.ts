import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKUP_CONTENT_TYPE,
  BACKUP_HEADERS,
  backupLatestPath,
  backupUploadPath,
  type StoreBackupAck,
  type StoreBackupList,
} from '../../../shared/sync/backup-protocol';
import { ADMIN_PASSWORD, login, startTestCentral, type TestCentral } from '../testing/central-test-kit';

const T0 = Date.UTC(2026, 11, 7, 9, 0);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// SQLite only: every PostgreSQL central test runs migration 021 too, and a PostgreSQL here costs seconds.
describe('store backups at central', () => {
  let central: TestCentral;
  const tokens = new Map<string, string>();
  let admin = '';

  beforeAll(async () => {
    central = await startTestCentral('sqlite', { backupsKept: 3 });
    for (const id of ['store-a', 'store-b']) {
      await central.service.central.directory.addStore({ id, regionId: 'east-china', state: 'open' });
      tokens.set(id, (await central.service.central.tokens.issue(id)).token);
    }
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => central.stop());

  const put = async (
    storeId: string,
    body: Uint8Array,
    meta: { sha?: string; seq?: number; takenAt?: number; token?: string } = {},
  ) => {
    const response = await fetch(`${central.url}${backupUploadPath(storeId)}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${meta.token ?? tokens.get(storeId)}`,
        'content-type': BACKUP_CONTENT_TYPE,
        [BACKUP_HEADERS.sha256]: meta.sha ?? sha256(body),
        [BACKUP_HEADERS.seq]: String(meta.seq ?? 1),
        [BACKUP_HEADERS.takenAt]: String(meta.takenAt ?? T0),
      },
      body: new Uint8Array(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as StoreBackupAck & { message?: string },
    };
  };
  const list = async (storeId: string) => {
    const response = await fetch(`${central.url}/api/stores/${storeId}/backups`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    return (await response.json()) as StoreBackupList;
  };
  const filesOf = () => readdirSync(join(central.dataDir, 'backups'), { recursive: true }).map(String);

  it('keeps the newest K per store, on disk and in the list, and the same backup twice once', async () => {
    const packed = [1, 2, 3, 4, 5].map((i) => gzipSync(Buffer.from(`store database, copy ${i}`)));
    for (const [i, body] of packed.entries()) {
      const answer = await put('store-a', body, { seq: 10 * (i + 1), takenAt: T0 + i * 300_000 });
      expect(answer.status).toBe(200);
      expect(answer.body.stored).toBe(true);
    }
    const again = await put('store-a', packed[4] as Buffer, { seq: 50, takenAt: T0 + 4 * 300_000 });
    expect(again.body.stored).toBe(false);
    const kept = await list('store-a');
    expect(kept.backups.map((b) => b.seq)).toEqual([50, 40, 30]);
    expect(kept.backups[0]?.sha256).toBe(sha256(packed[4] as Buffer));
    expect(filesOf().filter((f) => f.endsWith('.sqlite.gz'))).toHaveLength(3);

    const latest = await fetch(`${central.url}${backupLatestPath('store-a')}`, {
      headers: { authorization: `Bearer ${tokens.get('store-a')}` },
    });
    expect(latest.status).toBe(200);
    expect(latest.headers.get(BACKUP_HEADERS.seq)).toBe('50');
    expect(latest.headers.get(BACKUP_HEADERS.centralSeq)).toBe('0');
    expect(Buffer.from(await latest.arrayBuffer()).equals(packed[4] as Buffer)).toBe(true);
  });

  it('refuses bytes that are not what the box said, not gzip, or another store’s; keeps nothing of them', async () => {
    const body = gzipSync(Buffer.from('a copy cut short in transit'));
    const before = filesOf().length;
    const altered = await put('store-b', body, { sha: sha256(Buffer.from('something else')) });
    expect(altered.status).toBe(400);
    expect(altered.body.message).toMatch(/sha256/);
    const plain = Buffer.from('not packed at all');
    expect((await put('store-b', plain)).status).toBe(400);
    expect((await put('store-b', body, { token: tokens.get('store-a') })).status).toBe(403);
    expect((await put('store-b', body, { sha: 'not-a-hash' })).status).toBe(400);
    expect((await list('store-b')).backups).toEqual([]);
    expect(filesOf().filter((f) => !f.includes('.incoming-'))).toHaveLength(before + 1);
    expect(filesOf().some((f) => f.includes('.incoming-'))).toBe(false);
    // Another store's token may not download this store's backup, nor a store token list them.
    const foreign = await fetch(`${central.url}${backupLatestPath('store-a')}`, {
      headers: { authorization: `Bearer ${tokens.get('store-b')}` },
    });
    expect(foreign.status).toBe(403);
    const listedByStore = await fetch(`${central.url}/api/stores/store-a/backups`, {
      headers: { authorization: `Bearer ${tokens.get('store-a')}` },
    });
    expect(listedByStore.status).toBe(403);
    const none = await fetch(`${central.url}${backupLatestPath('store-b')}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(none.status).toBe(404);
  });
});
