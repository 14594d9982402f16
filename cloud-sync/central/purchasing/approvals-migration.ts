import type { ColumnDefinitionBuilder, Generated, Kysely } from 'kysely';
import type { CentralDialect } from '../db/central-db';

/**
 * Migration 019: the approval steps of the stores' purchase requests that central
 * decides (regional purchaser, regional manager, finance), one row per (store, request,
 * step), built from `purchasing.approval` events and keeping the seq it was built from.
 * `decision` is central's own: set when a central user decided and the store command
 * carrying it down was queued, before the store confirms it by its next event.
 */
export async function purchasingApprovalsUp(db: Kysely<unknown>, dialect: CentralDialect): Promise<void> {
  const autoId = (col: ColumnDefinitionBuilder) =>
    dialect === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement();
  await db.schema
    .createTable('purchasing_approvals')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', autoId)
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('request_kind', 'text', (c) => c.notNull())
    .addColumn('request_id', 'bigint', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current', 'integer', (c) => c.notNull())
    .addColumn('pending_since', 'bigint')
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('command_id', 'bigint')
    .addUniqueConstraint('purchasing_approvals_step', ['store_id', 'request_kind', 'request_id', 'step'])
    .execute();
  await db.schema
    .createIndex('purchasing_approvals_open')
    .on('purchasing_approvals')
    .columns(['status', 'level'])
    .execute();
}

/** The table for Kysely's `withTables`, kept beside its migration. */
export type ApprovalTables = {
  purchasing_approvals: {
    id: Generated<number>;
    store_id: string;
    request_kind: string;
    request_id: number;
    step: number;
    level: string;
    status: string;
    current: number;
    pending_since: number | null;
    /** ApprovalStepEvent JSON */
    view: string;
    last_seq: number;
    decision: string | null;
    decided_by: string | null;
    decided_at: number | null;
    command_id: number | null;
  };
};
