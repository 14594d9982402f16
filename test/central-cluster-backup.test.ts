import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  alarmView,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  sharedPostgres,
  startTestCentral,
} from '../cloud-sync/central/testing/central-test-kit';
import { POSTGRES_BIN } from '../shared/server/testing/postgres';

const run = promisify(execFile);

afterAll(releaseSharedPostgres, 60_000);

/** docs/deployment.md's backup and restore, done as written: pg_dump -Fc, then pg_restore into an empty database. */
describe('central backup and restore with pg_dump / pg_restore', () => {
  it('a restored database serves the same stores, alarms, tokens and accounts, and a resent batch changes nothing', async () => {
    const backupDir = mkdtempSync(join(tmpdir(), 'galley-backup-'));
    const original = await startTestCentral('postgres');
    let restored: Awaited<ReturnType<typeof startTestCentral>> | undefined;
    let originalRunning = true;
    try {
      const admin = await login(original.url, 'admin', ADMIN_PASSWORD);
      await http(`${original.url}/api/admin/stores`, {
        token: admin,
        body: { id: 'sh-001', name: '上海一店', regionId: 'east' },
      });
      const token = (
        await http<{ token: string }>(`${original.url}/api/admin/stores/sh-001/tokens`, {
          token: admin,
          method: 'POST',
        })
      ).body.token;
      const batch = batchOf('sh-001', [
        event(1, 'alarm.raised', 1, alarmView()),
        event(2, 'probe.tick', 't', { n: 2 }),
      ]);
      expect((await postBatch(original.url, token, batch)).status).toBe(200);

      const file = join(backupDir, 'central.dump');
      await run(join(POSTGRES_BIN, 'pg_dump'), [
        '-Fc',
        '--no-owner',
        '-f',
        file,
        '-d',
        original.databaseUrl ?? '',
      ]);
      expect(statSync(file).size).toBeGreaterThan(0);
      await original.stop();
      originalRunning = false;

      const target = await (await sharedPostgres()).createDatabase();
      await run(join(POSTGRES_BIN, 'pg_restore'), ['--no-owner', '--exit-on-error', '-d', target, file]);
      restored = await startTestCentral('postgres', { databaseUrl: target });

      const again = await postBatch(restored.url, token, batch);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ inserted: 0 });
      const restoredAdmin = await login(restored.url, 'admin', ADMIN_PASSWORD);
      const alarms = await http<{ alarmId: number; storeId: string }[]>(
        `${restored.url}/api/alarms?status=all`,
        {
          token: restoredAdmin,
        },
      );
      expect(alarms.status).toBe(200);
      expect(JSON.stringify(alarms.body)).toContain('sh-001');
      // New events after the restore continue the store's sequence.
      const next = await postBatch(
        restored.url,
        token,
        batchOf('sh-001', [event(3, 'probe.tick', 't', { n: 3 })]),
      );
      expect(next.body).toMatchObject({ inserted: 1 });
    } finally {
      await restored?.stop();
      if (originalRunning) await original.stop();
      rmSync(backupDir, { recursive: true, force: true });
    }
  }, 60_000);
});
