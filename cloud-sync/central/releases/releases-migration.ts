import type { Kysely } from 'kysely';
import type { CentralDialect } from '../db/central-db';

/**
 * Migration 023: edge software releases, their staged rollouts and what each box last
 * reported about itself. The bundle is kept as base64 text beside its manifest, so both
 * dialects store it alike and every central process behind the balancer can hand it out.
 */
export async function edgeReleasesUp(db: Kysely<unknown>, dialect: CentralDialect): Promise<void> {
  await db.schema
    .createTable('edge_releases')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('node_major', 'integer', (c) => c.notNull())
    .addColumn('lock_hash', 'text', (c) => c.notNull())
    .addColumn('built_at', 'bigint', (c) => c.notNull())
    .addColumn('bundle_base64', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('edge_rollouts')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('release_version', 'text', (c) => c.notNull().references('edge_releases.version'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('halted_at', 'bigint')
    .addColumn('halted_reason', 'text')
    // RolloutStep[] as JSON: the stages started, with who and any override.
    .addColumn('steps', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('edge_rollouts_status').on('edge_rollouts').column('status').execute();
  await db.schema
    .createTable('edge_box_status')
    .addColumn('store_id', 'text', (c) => c.primaryKey().references('stores.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('healthy', 'integer', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('supervised', 'integer', (c) => c.notNull())
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    // BoxUpdateReport JSON of the newest update outcome the box told of.
    .addColumn('last_update', 'text')
    .execute();
}
