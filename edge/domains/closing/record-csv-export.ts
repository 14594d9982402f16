import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Database } from '../../store/database';
import { csvField, typedText } from '../food-safety/report/report-csv';

/**
 * The tables whose rows are the store's records, by domain, as the archive's CSV files
 * carry them: people read these in a spreadsheet years later without the software; the
 * SQLite copy beside them is the exact one. A table an older box lacks is skipped.
 */
export const RECORD_TABLES: Readonly<Record<string, readonly string[]>> = {
  alarms: ['alarms'],
  tickets: ['tickets', 'ticket_transitions', 'ticket_alarms', 'work_order_steps'],
  orders: ['pos_orders', 'pos_events', 'kds_tickets', 'kds_lines'],
  stock: ['stock_levels', 'stock_movements', 'stock_batches', 'stock_orders', 'part_stock', 'part_movements'],
  purchasing: [
    'purchase_requests',
    'purchase_orders',
    'purchase_order_lines',
    'purchase_order_transitions',
    'goods_receipts',
    'goods_receipt_lines',
    'supplier_invoices',
    'supplier_invoice_lines',
    'supplier_payments',
    'purchase_approval_steps',
  ],
  'food-safety': [
    'food_safety_intervals',
    'food_safety_excursions',
    'food_safety_actions',
    'food_safety_cooling',
    'food_safety_checks',
    'food_safety_time_batches',
  ],
};

const CRLF = '\r\n';
/** Excel reads UTF-8 without a byte-order mark as the local code page: Chinese turns to mojibake. */
const BOM = '\uFEFF';

function cellOf(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return `base64:${value.toString('base64')}`;
  return typedText(String(value));
}

/** Writes one table as CSV (header from its columns, rows in the table's own order), streaming; returns the row count. */
export async function exportTableCsv(db: Database, table: string, path: string): Promise<number> {
  const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${BOM}${columns.map(csvField).join(',')}${CRLF}`);
  let rows = 0;
  for (const row of db.prepare(`SELECT * FROM ${table}`).iterate() as Iterable<Record<string, unknown>>) {
    await write(`${columns.map((c) => csvField(cellOf(row[c]))).join(',')}${CRLF}`);
    rows += 1;
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

/** The record tables this box has, each with its archive file name (`<domain>.<table>.csv`). */
export function recordTables(db: Database): { table: string; file: string }[] {
  const present = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    ),
  );
  return Object.entries(RECORD_TABLES).flatMap(([domain, tables]) =>
    tables.filter((t) => present.has(t)).map((table) => ({ table, file: `${domain}.${table}.csv` })),
  );
}
