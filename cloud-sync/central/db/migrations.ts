import type { ColumnDefinitionBuilder, Kysely, Migration, MigrationProvider } from 'kysely';
import { assetPlacementsUp } from '../assets/asset-placements-migration';
import { storeBackupsUp } from '../backups/backups-migration';
import { foodSafetyChecksUp } from '../food-safety/checks-migration';
import { foodSafetyCoolingUp } from '../food-safety/cooling-migration';
import { foodSafetyUp } from '../food-safety/food-safety-migration';
import { foodSafetyReportArchiveUp } from '../food-safety/report-archive-migration';
import { storeCatalogsUp } from '../ingest/catalog-migration';
import { assetOutlooksUp } from '../predictive/asset-outlook-migration';
import { purchasingApprovalsUp } from '../purchasing/approvals-migration';
import { purchasingUp } from '../purchasing/purchasing-migration';
import { rolloutHaltedCauseUp } from '../releases/halted-cause-migration';
import { edgeReleasesUp } from '../releases/releases-migration';
import { storeArchivesUp } from '../stores/store-archive-migration';
import { storeLifecycleUp } from '../stores/store-lifecycle-migration';
import type { CentralDialect } from './central-db';
import { authRevocationsUp, loginFailuresUp, webhookClaimsUp } from './cluster-migrations';
import { partitionedSyncHistoryUp } from './partitioning-migration';
import { downtimeCostsUp, stockAndAvailabilityUp } from './stock-migrations';

/**
 * Central's migrations, written once with Kysely's schema builder for both dialects.
 * The only difference is how an auto-increment key is spelled. A released migration
 * is never edited; add the next one to the list.
 */
export function centralMigrations(dialect: CentralDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '001-central-core': { up: (db) => coreUp(db, dialect) },
    '002-equipment-names-and-readings': { up: equipmentInsightUp },
    '003-store-commands': { up: (db) => storeCommandsUp(db, dialect) },
    '004-speed-of-service': { up: speedOfServiceUp },
    '005-stock-and-availability': { up: stockAndAvailabilityUp },
    '006-downtime-costs': { up: downtimeCostsUp },
    '007-store-catalogs': { up: storeCatalogsUp },
    // Its own file: this one is long enough.
    '008-food-safety': { up: foodSafetyUp },
    '009-food-safety-cooling': { up: foodSafetyCoolingUp },
    // Several central processes on one database (cluster-migrations.ts).
    '010-login-failures': { up: loginFailuresUp },
    '011-auth-revocations': { up: authRevocationsUp },
    '012-webhook-claims': { up: webhookClaimsUp },
    '013-food-safety-checks': { up: foodSafetyChecksUp },
    '014-food-safety-reports': { up: (db) => foodSafetyReportArchiveUp(db, dialect) },
    '015-store-lifecycle': { up: (db) => storeLifecycleUp(db, dialect) },
    '016-partitioned-sync-history': { up: (db) => partitionedSyncHistoryUp(db, dialect) },
    '017-purchasing': { up: purchasingUp },
    '018-predictive-outlooks': { up: assetOutlooksUp },
    '019-purchasing-approvals': { up: (db) => purchasingApprovalsUp(db, dialect) },
    '021-store-backups': { up: storeBackupsUp },
    '022-store-archives': { up: (db) => storeArchivesUp(db, dialect) },
    '023-edge-releases': { up: (db) => edgeReleasesUp(db, dialect) },
    '024-asset-placements': { up: assetPlacementsUp },
    '025-rollout-halted-cause': { up: rolloutHaltedCauseUp },
  };
  return { getMigrations: async () => migrations };
}

function autoId(dialect: CentralDialect) {
  return (col: ColumnDefinitionBuilder) =>
    dialect === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement();
}

async function coreUp(db: Kysely<unknown>, dialect: CentralDialect): Promise<void> {
  const idType = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('regions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('stores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_heard_at', 'bigint')
    .addColumn('highest_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('dropped_rollups', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sync_lag_ms', 'bigint')
    .addColumn('config_applied_version', 'integer')
    .addColumn('config_last_report', 'text')
    .execute();
  await db.schema.createIndex('stores_region').on('stores').column('region_id').execute();
  await db.schema
    .createTable('users')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('user_stores')
    .addColumn('username', 'text', (c) => c.notNull().references('users.username').onDelete('cascade'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addPrimaryKeyConstraint('user_stores_pk', ['username', 'store_id'])
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().references('users.username').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('store_tokens')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema
    .createTable('sync_events')
    .addColumn('id', idType, autoId(dialect))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sync_events_store_seq', ['store_id', 'seq'])
    .execute();
  await db.schema.createIndex('sync_events_kind').on('sync_events').columns(['kind', 'id']).execute();
  await db.schema
    .createTable('alarms')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('alarm_id', 'bigint', (c) => c.notNull())
    .addColumn('equipment_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('raised_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alarms_pk', ['store_id', 'alarm_id'])
    .execute();
  await db.schema.createIndex('alarms_active').on('alarms').columns(['store_id', 'active']).execute();
  await db.schema
    .createTable('tickets')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull())
    .addColumn('equipment_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('unfinished', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tickets_pk', ['store_id', 'ticket_id'])
    .execute();
  await db.schema
    .createIndex('tickets_unfinished')
    .on('tickets')
    .columns(['unfinished', 'opened_at'])
    .execute();
  await db.schema
    .createTable('equipment')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('equipment_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('type', 'text')
    .addColumn('online', 'integer')
    .addColumn('status_changed_at', 'bigint')
    .addColumn('status_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('equipment_pk', ['store_id', 'equipment_id'])
    .execute();
  await db.schema
    .createTable('config_versions')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('overlay', 'text', (c) => c.notNull())
    .addColumn('report_outcome', 'text')
    .addColumn('report_errors', 'text')
    .addColumn('report_at', 'bigint')
    .addPrimaryKeyConstraint('config_versions_pk', ['store_id', 'version'])
    .execute();
  await db.schema
    .createTable('webhooks')
    .addColumn('id', idType, autoId(dialect))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('flavour', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', idType, autoId(dialect))
    .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_id', 'bigint', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('alarm_id', 'bigint', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addUniqueConstraint('webhook_deliveries_once', ['webhook_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

/**
 * Equipment in both languages with its type's label (from pushed configurations), the
 * newest synced minute of readings, and an index to read one equipment's rollups by time.
 */
async function equipmentInsightUp(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('equipment').addColumn('local_name', 'text').execute();
  await db.schema.alterTable('equipment').addColumn('type_label', 'text').execute();
  await db.schema.alterTable('equipment').addColumn('latest_minute_ts', 'bigint').execute();
  await db.schema.alterTable('equipment').addColumn('latest_readings', 'text').execute();
  await db.schema
    .alterTable('equipment')
    .addColumn('latest_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('sync_events_store_entity')
    .on('sync_events')
    .columns(['store_id', 'kind', 'entity_id', 'ts'])
    .execute();
  await db.schema.createIndex('alarms_raised').on('alarms').columns(['raised_at']).execute();
}

/** Regional actions queued for the edge of their store, with who issued them and what became of them. */
async function storeCommandsUp(db: Kysely<unknown>, dialect: CentralDialect): Promise<void> {
  const idType = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('store_commands')
    .addColumn('id', idType, autoId(dialect))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('reported_at', 'bigint')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('store_commands_store')
    .on('store_commands')
    .columns(['store_id', 'id'])
    .execute();
}

/**
 * Speed of service: each kitchen ticket's newest bump (or its recall) and each POS order's
 * newest version, keyed like the store names them, with the seq they were built from.
 * Columns only a bump carries are nullable: a recall may arrive before the bump it undoes.
 */
async function speedOfServiceUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kitchen_ticket_times')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull())
    .addColumn('station', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('channel', 'text')
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint')
    .addColumn('bumped_at', 'bigint')
    .addColumn('ticket_time_s', 'integer')
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kitchen_ticket_times_pk', ['store_id', 'ticket_id'])
    .execute();
  await db.schema
    .createIndex('kitchen_ticket_times_bumped')
    .on('kitchen_ticket_times')
    .columns(['store_id', 'bumped_at'])
    .execute();
  await db.schema
    .createTable('store_orders')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'bigint', (c) => c.notNull())
    .addColumn('portions', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('store_orders_pk', ['store_id', 'order_key'])
    .execute();
  await db.schema
    .createIndex('store_orders_placed')
    .on('store_orders')
    .columns(['store_id', 'placed_at'])
    .execute();
}
