import type {
  GoodsReceiptView,
  PurchaseOrderState,
  PurchaseOrdersQuery,
  RequestKind,
} from '../../../shared/api/purchasing';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Database } from '../../store/database';

interface OrderRow {
  id: number;
  supplier: string;
  supplier_json: string;
  state: PurchaseOrderState;
  note: string | null;
  created_at: number;
  created_by: string;
  placed_at: number | null;
  placed_by: string | null;
}

export interface LineRow {
  order_id: number;
  line: number;
  kind: RequestKind;
  item: string;
  name_json: string;
  unit: string;
  base_per_unit: string;
  qty: string;
  unit_price: string;
  tax_rate_pct: string;
  chilled: number;
}

interface ReceiptRow {
  id: number;
  order_id: number;
  ref: string;
  at: number;
  by: string;
  witnessed_by: string | null;
}

interface ReceiptLineRow {
  receipt_id: number;
  line: number;
  accepted_qty: string;
  rejected_qty: string;
  reject_reason: string | null;
  lot: string | null;
  expiry: string | null;
  delivery_temp_c: number | null;
  probe_equipment_id: string | null;
  probe_reading_at: number | null;
}

/** What the order keeps of its supplier as it was when the order was made. */
export interface SupplierSnapshot {
  name: LocalizedText;
  currency: string;
  paymentTermsDays: number;
  contact: { name: string; phone?: string | undefined; email?: string | undefined };
}

export interface NewLine {
  line: number;
  kind: RequestKind;
  item: string;
  name: LocalizedText;
  unit: string;
  basePerUnit: string;
  qty: string;
  unitPrice: string;
  taxRatePct: string;
  chilled: boolean;
  requests: readonly number[];
}

export interface StoredOrder {
  row: OrderRow;
  supplier: SupplierSnapshot;
  lines: LineRow[];
  requests: { line: number; request_id: number }[];
  history: {
    from_state: PurchaseOrderState | null;
    to_state: PurchaseOrderState;
    at: number;
    by: string;
    note: string | null;
  }[];
  receipts: GoodsReceiptView[];
}

const OPEN = `state IN ('draft', 'placed', 'partially_received')`;

/** Purchase orders, their lines, the requests they fill, their steps and receipts; callers hold the transaction. */
export class PurchasingStore {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      insertOrder: db.prepare(
        `INSERT INTO purchase_orders (supplier, supplier_json, state, note, created_at, created_by, updated_at)
         VALUES (@supplier, @supplierJson, 'draft', @note, @at, @by, @at)`,
      ),
      insertLine: db.prepare(
        `INSERT INTO purchase_order_lines (order_id, line, kind, item, name_json, unit, base_per_unit, qty,
           unit_price, tax_rate_pct, chilled)
         VALUES (@orderId, @line, @kind, @item, @nameJson, @unit, @basePerUnit, @qty, @unitPrice, @taxRatePct, @chilled)`,
      ),
      insertRequest: db.prepare(
        'INSERT INTO purchase_order_requests (order_id, line, kind, request_id) VALUES (?, ?, ?, ?)',
      ),
      openOrderOf: db.prepare<[string, number], { id: number }>(
        `SELECT o.id FROM purchase_order_requests r JOIN purchase_orders o ON o.id = r.order_id
         WHERE r.kind = ? AND r.request_id = ? AND o.state <> 'cancelled' LIMIT 1`,
      ),
      setState: db.prepare('UPDATE purchase_orders SET state = @to, updated_at = @at WHERE id = @id'),
      setPlaced: db.prepare(
        'UPDATE purchase_orders SET placed_at = @at, placed_by = @by WHERE id = @id AND placed_at IS NULL',
      ),
      log: db.prepare(
        'INSERT INTO purchase_order_transitions (order_id, from_state, to_state, at, by, note) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      order: db.prepare<[number], OrderRow>('SELECT * FROM purchase_orders WHERE id = ?'),
      lines: db.prepare<[number], LineRow>(
        'SELECT * FROM purchase_order_lines WHERE order_id = ? ORDER BY line',
      ),
      requests: db.prepare<[number], { line: number; request_id: number }>(
        'SELECT line, request_id FROM purchase_order_requests WHERE order_id = ? ORDER BY line, request_id',
      ),
      history: db.prepare<[number], StoredOrder['history'][number]>(
        'SELECT from_state, to_state, at, by, note FROM purchase_order_transitions WHERE order_id = ? ORDER BY id',
      ),
      receipts: db.prepare<[number], ReceiptRow>(
        'SELECT * FROM goods_receipts WHERE order_id = ? ORDER BY id',
      ),
      receiptLines: db.prepare<[number], ReceiptLineRow>(
        'SELECT * FROM goods_receipt_lines WHERE receipt_id = ? ORDER BY line',
      ),
      insertReceipt: db.prepare(
        'INSERT INTO goods_receipts (order_id, ref, at, by, witnessed_by) VALUES (?, ?, ?, ?, ?)',
      ),
      insertReceiptLine: db.prepare(
        `INSERT INTO goods_receipt_lines (receipt_id, line, accepted_qty, rejected_qty, reject_reason, lot, expiry,
           delivery_temp_c, probe_equipment_id, probe_reading_at)
         VALUES (@receiptId, @line, @accepted, @rejected, @reason, @lot, @expiry, @tempC, @probeId, @probeAt)`,
      ),
      list: db.prepare<{ state: string; limit: number }, { id: number }>(
        `SELECT id FROM purchase_orders
         WHERE (@state = 'all' OR (@state = 'open' AND ${OPEN}) OR state = @state)
         ORDER BY id DESC LIMIT @limit`,
      ),
    };
  }

  insertOrder(order: {
    supplier: string;
    snapshot: SupplierSnapshot;
    note: string | null;
    lines: readonly NewLine[];
    at: number;
    by: string;
  }): number {
    const id = Number(
      this.#s.insertOrder.run({
        supplier: order.supplier,
        supplierJson: JSON.stringify(order.snapshot),
        note: order.note,
        at: order.at,
        by: order.by,
      }).lastInsertRowid,
    );
    for (const l of order.lines) {
      this.#s.insertLine.run({
        orderId: id,
        line: l.line,
        kind: l.kind,
        item: l.item,
        nameJson: JSON.stringify(l.name),
        unit: l.unit,
        basePerUnit: l.basePerUnit,
        qty: l.qty,
        unitPrice: l.unitPrice,
        taxRatePct: l.taxRatePct,
        chilled: l.chilled ? 1 : 0,
      });
      for (const request of l.requests) this.#s.insertRequest.run(id, l.line, l.kind, request);
    }
    this.#s.log.run(id, null, 'draft', order.at, order.by, order.note);
    return id;
  }

  /** The order (not cancelled) a request is already on, if any. */
  orderOfRequest(kind: RequestKind, requestId: number): number | undefined {
    return this.#s.openOrderOf.get(kind, requestId)?.id;
  }

  move(
    id: number,
    from: PurchaseOrderState,
    to: PurchaseOrderState,
    at: number,
    by: string,
    note?: string,
  ): void {
    this.#s.setState.run({ id, to, at });
    if (to === 'placed') this.#s.setPlaced.run({ id, at, by });
    this.#s.log.run(id, from, to, at, by, note ?? null);
  }

  insertReceipt(receipt: {
    orderId: number;
    ref: string;
    at: number;
    by: string;
    witnessedBy: string | null;
    lines: readonly {
      line: number;
      accepted: string;
      rejected: string;
      reason: string | null;
      lot: string | null;
      expiry: string | null;
      tempC: number | null;
      /** the telemetry probe that gave `tempC`, and when it read it (receipt-probe.ts) */
      probeId?: string | null;
      probeAt?: number | null;
    }[];
  }): number {
    const receiptId = Number(
      this.#s.insertReceipt.run(receipt.orderId, receipt.ref, receipt.at, receipt.by, receipt.witnessedBy)
        .lastInsertRowid,
    );
    for (const l of receipt.lines)
      this.#s.insertReceiptLine.run({
        receiptId,
        ...l,
        probeId: l.probeId ?? null,
        probeAt: l.probeAt ?? null,
      });
    return receiptId;
  }

  get(id: number): StoredOrder | undefined {
    const row = this.#s.order.get(id);
    if (!row) return undefined;
    return {
      row,
      supplier: JSON.parse(row.supplier_json) as SupplierSnapshot,
      lines: this.#s.lines.all(id),
      requests: this.#s.requests.all(id),
      history: this.#s.history.all(id),
      receipts: this.#s.receipts.all(id).map((r) => ({
        id: r.id,
        orderId: r.order_id,
        ref: r.ref,
        at: r.at,
        by: r.by,
        witnessedBy: r.witnessed_by,
        lines: this.#s.receiptLines.all(r.id).map((l) => ({
          line: l.line,
          acceptedQty: l.accepted_qty,
          rejectedQty: l.rejected_qty,
          rejectReason: l.reject_reason,
          lot: l.lot,
          expiry: l.expiry,
          deliveryTempC: l.delivery_temp_c,
          probe:
            l.probe_equipment_id === null || l.probe_reading_at === null
              ? null
              : { equipmentId: l.probe_equipment_id, readingAt: l.probe_reading_at },
        })),
      })),
    };
  }

  ids(query: PurchaseOrdersQuery): number[] {
    return this.#s.list.all(query).map((r) => r.id);
  }
}
