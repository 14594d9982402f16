import { type Kysely, sql } from 'kysely';

/**
 * What several central processes on one database need to agree on, kept in the database
 * rather than in any one process: login failures (010), a revocation version every process
 * compares before it trusts its verification cache (011), and the lease on a webhook
 * delivery that one process is sending (012).
 */

/** Failed logins per throttle key, counted by whichever process took the attempt. */
export async function loginFailuresUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('throttle_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_last_at').on('login_failures').column('last_at').execute();
}

/**
 * One row per kind of credential; its version goes up in the transaction of every
 * revocation, so a process that cached a verification under an older version looks again.
 */
export async function authRevocationsUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_revocations')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into auth_revocations (scope, version) values ('store_tokens', 0)`.execute(db);
}

/** Who is sending a delivery and until when; a lease that ran out may be taken by another process. */
export async function webhookClaimsUp(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('webhook_deliveries').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('lease_until', 'bigint').execute();
}
