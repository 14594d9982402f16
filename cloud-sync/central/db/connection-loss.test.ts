import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { sharedPostgres, stopSharedPostgres } from '../testing/central-test-kit';
import { openCentralDatabase } from './central-db';

afterAll(stopSharedPostgres, 60_000);

it('survives PostgreSQL going away while a connection is checked out: the work in flight fails, the process does not', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-pg-loss-'));
  const database = await openCentralDatabase({
    dataDir,
    databaseUrl: await (await sharedPostgres()).createDatabase(),
  });
  try {
    // As an advisory-locked job does: one connection held across awaits.
    const held = database.db.connection().execute(async (conn) => {
      await sql`select 1`.execute(conn);
      await stopSharedPostgres();
      // The server is gone: the socket of this checked-out connection resets now.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`select 1`.execute(conn);
    });
    await expect(held).rejects.toThrow();
    // Had the reset been an unhandled 'error' event, the test process would have died above.
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    await database.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
