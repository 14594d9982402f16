import Decimal from 'decimal.js';
import type { RequestRef } from '../../../shared/api/purchasing';
import type { Supplier } from '../../../shared/config/purchasing';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import { qtyText } from './order-money';
import { PurchasingError } from './purchasing-errors';
import type { NewLine } from './purchasing-store';

/** An approved request as drafting needs it: what, how much in base units, and whose. */
export interface ApprovedRequest {
  ref: RequestRef;
  item: string;
  baseQty: string;
  status: string;
}

const refused = (path: (string | number)[], en: string, zh: string) =>
  new PurchasingError('REQUEST_REFUSED', { en, 'zh-CN': zh }, path);

/**
 * The lines of a draft order: requests for the same item become one line, its quantity
 * the requests' base quantities in the supplier's unit, its price and tax rate from the
 * supplier's price list. A request not approved, or for an item the supplier does not
 * sell, refuses the whole draft, naming the request.
 */
export function draftLines(
  supplier: Supplier,
  requests: readonly ApprovedRequest[],
  config: StoreConfig,
): NewLine[] {
  const lines = new Map<string, NewLine & { base: Decimal }>();
  requests.forEach((request, i) => {
    const path = ['requests', i];
    const label = `${request.ref.kind} purchase request #${request.ref.id}`;
    if (request.status !== 'approved')
      throw refused(
        path,
        `${label} is ${request.status}: only approved requests go on an order`,
        `采购申请 #${request.ref.id} 状态为 ${request.status}：只有已审批的申请才能下单`,
      );
    const item = supplier.items.find((it) => it.kind === request.ref.kind && it.id === request.item);
    if (!item)
      throw refused(
        path,
        `supplier "${supplier.id}" has no ${request.ref.kind} "${request.item}" on its price list (${label})`,
        `供应商 "${supplier.id}" 的价目表中没有 "${request.item}"（采购申请 #${request.ref.id}）`,
      );
    const key = `${item.kind}:${item.id}`;
    const existing = lines.get(key);
    if (existing) {
      existing.base = existing.base.plus(request.baseQty);
      existing.requests = [...existing.requests, request.ref.id];
      return;
    }
    lines.set(key, {
      line: lines.size + 1,
      kind: item.kind,
      item: item.id,
      name: nameOf(config, item.kind, item.id),
      unit: item.unit,
      basePerUnit: item.baseUnitsPerUnit,
      qty: '0',
      unitPrice: item.unitPrice,
      taxRatePct: item.taxRatePct ?? supplier.taxRatePct,
      chilled: item.chilled,
      requests: [request.ref.id],
      base: new Decimal(request.baseQty),
    });
  });
  return [...lines.values()].map(({ base, ...line }) => ({
    ...line,
    qty: qtyText(base.dividedBy(line.basePerUnit)),
  }));
}

function nameOf(config: StoreConfig, kind: 'ingredient' | 'part', id: string): LocalizedText {
  if (kind === 'ingredient') {
    const found = config.stock.ingredients.find((i) => i.id === id);
    if (found) return found.name;
  } else {
    const found = config.parts.find((p) => p.partNumber === id);
    if (found) return { en: found.name, 'zh-CN': found.name };
  }
  return { en: id, 'zh-CN': id };
}
