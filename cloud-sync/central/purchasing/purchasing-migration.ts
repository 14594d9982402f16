import type { Kysely } from 'kysely';

/**
 * Migration 017: the stores' purchasing documents as they sync them, one row per document
 * (store, id), each keeping the seq it was built from so an older or repeated event never
 * rolls it back: `purchasing.order`, `purchasing.receipt`, `purchasing.invoice`,
 * `purchasing.payment`. The columns a regional view filters or sums on are kept beside the
 * view; money stays decimal text (summed with decimal.js, never by the database, whose
 * SQLite sum would be a binary float).
 */
export async function purchasingUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('purchasing_orders')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('order_id', 'bigint', (c) => c.notNull())
    .addColumn('supplier', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('gross', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('placed_at', 'bigint')
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('purchasing_orders_pk', ['store_id', 'order_id'])
    .execute();
  await db.schema.createIndex('purchasing_orders_state').on('purchasing_orders').columns(['state']).execute();
  await db.schema
    .createIndex('purchasing_orders_placed')
    .on('purchasing_orders')
    .columns(['placed_at'])
    .execute();

  await db.schema
    .createTable('purchasing_receipts')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('receipt_id', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('purchasing_receipts_pk', ['store_id', 'receipt_id'])
    .execute();
  await db.schema
    .createIndex('purchasing_receipts_order')
    .on('purchasing_receipts')
    .columns(['store_id', 'order_id'])
    .execute();
  await db.schema.createIndex('purchasing_receipts_at').on('purchasing_receipts').columns(['at']).execute();

  await db.schema
    .createTable('purchasing_invoices')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('invoice_id', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull())
    .addColumn('supplier', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invoice_date', 'text', (c) => c.notNull())
    .addColumn('gross', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('purchasing_invoices_pk', ['store_id', 'invoice_id'])
    .execute();
  await db.schema
    .createIndex('purchasing_invoices_status')
    .on('purchasing_invoices')
    .columns(['status'])
    .execute();

  await db.schema
    .createTable('purchasing_payments')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('payment_id', 'bigint', (c) => c.notNull())
    .addColumn('invoice_id', 'bigint', (c) => c.notNull())
    .addColumn('supplier', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('purchasing_payments_pk', ['store_id', 'payment_id'])
    .execute();
  await db.schema
    .createIndex('purchasing_payments_paid_on')
    .on('purchasing_payments')
    .columns(['paid_on'])
    .execute();
}
