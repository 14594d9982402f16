import type { PurchaseOrderState } from '../../../shared/api/purchasing';
import { PurchasingError } from './purchasing-errors';

/**
 * draft → placed → partially_received → received; a draft or a placed order may be
 * cancelled. Receipts take the order to partially_received and received, people take
 * the other steps. received and cancelled are final.
 */
export const ORDER_NEXT: Readonly<Record<PurchaseOrderState, readonly PurchaseOrderState[]>> = {
  draft: ['placed', 'cancelled'],
  placed: ['partially_received', 'received', 'cancelled'],
  partially_received: ['partially_received', 'received'],
  received: [],
  cancelled: [],
};

export function checkOrderTransition(id: number, from: PurchaseOrderState, to: PurchaseOrderState): void {
  const allowed = ORDER_NEXT[from];
  if (allowed.includes(to)) return;
  const next = allowed.length ? allowed.join(', ') : `nothing (${from} is final)`;
  throw new PurchasingError('ILLEGAL_TRANSITION', {
    en: `purchase order #${id} is ${from} and cannot become ${to}; allowed: ${next}`,
    'zh-CN': `采购订单 #${id} 当前为 ${from}，不能变为 ${to}；允许：${allowed.join('、') || '无（已终结）'}`,
  });
}
