import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { type CentralDatabase, openCentralDatabase } from './central-db';

const opened: { db: CentralDatabase; dir: string }[] = [];
afterEach(async () => {
  for (const { db, dir } of opened.splice(0)) {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('commits on SQLite with a WAL sync at every commit, so an acknowledged batch survives a power loss', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-central-'));
  const db = await openCentralDatabase({ dataDir: dir });
  opened.push({ db, dir });
  const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db.db);
  const level = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db.db);
  expect(mode.rows[0]?.journal_mode).toBe('wal');
  // 2 = FULL: NORMAL (1) in WAL mode may lose the last commits on power loss
  expect(level.rows[0]?.synchronous).toBe(2);
});
