import type { Migration } from './index';

/**
 * Delivery temperatures taken from a telemetry probe (edge/domains/purchasing/receipt-probe.ts).
 * The value itself stays in `delivery_temp_c`, so the chilled check, the food-safety record
 * and every report read it as they read an entered one; these say where it came from: the
 * equipment id of the probe and the time of the reading used (epoch ms). Both NULL for a
 * temperature typed in.
 */
export const m033ReceiptProbes: Migration = {
  version: 33,
  name: 'receipt-probes',
  sql: `
    ALTER TABLE goods_receipt_lines ADD COLUMN probe_equipment_id TEXT;
    ALTER TABLE goods_receipt_lines ADD COLUMN probe_reading_at INTEGER;
  `,
};
