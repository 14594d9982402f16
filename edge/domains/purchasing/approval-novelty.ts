import type { RequestKind } from '../../../shared/purchasing/approval-events';
import type { Database } from '../../store/database';

/** Orders that went to the supplier; a draft or a cancelled draft never did. */
const SENT = `o.state IN ('placed', 'partially_received', 'received')`;

/** Whether an order was ever placed with the supplier: before that it is new, and the region vets it. */
export function hasOrderedFrom(db: Database, supplier: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM purchase_orders o WHERE o.supplier = ? AND ${SENT} LIMIT 1`).get(supplier) !==
    undefined
  );
}

/** Whether the item was ever on a placed order, from any supplier. */
export function hasOrderedItem(db: Database, kind: RequestKind, item: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
          WHERE l.kind = ? AND l.item = ? AND ${SENT} LIMIT 1`,
      )
      .get(kind, item) !== undefined
  );
}
