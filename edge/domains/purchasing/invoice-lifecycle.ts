import type { InvoiceStatus } from '../../../shared/purchasing/invoice-events';
import { InvoiceError } from './invoice-errors';

/**
 * An invoice is `matched` (ready to pay) or `exception` when recorded. Finance resolves an
 * exception (`resolved`); either ready state may be approved for payment, and payments take
 * an approved invoice to `partially_paid` and `paid`. `paid` is final. An exception moves
 * only by being resolved: that is what keeps it from being paid.
 */
export const INVOICE_NEXT: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  matched: ['approved'],
  exception: ['resolved'],
  resolved: ['approved'],
  approved: ['partially_paid', 'paid'],
  partially_paid: ['partially_paid', 'paid'],
  paid: [],
};

const STEP_WORDS: Record<InvoiceStatus, { en: string; 'zh-CN': string }> = {
  matched: { en: 'matched', 'zh-CN': '已匹配' },
  exception: { en: 'an exception', 'zh-CN': '匹配异常' },
  resolved: { en: 'resolved', 'zh-CN': '已处理' },
  approved: { en: 'approved for payment', 'zh-CN': '已审批付款' },
  partially_paid: { en: 'partially paid', 'zh-CN': '部分付款' },
  paid: { en: 'paid', 'zh-CN': '已付清' },
};

export function checkInvoiceTransition(id: number, from: InvoiceStatus, to: InvoiceStatus): void {
  if (INVOICE_NEXT[from].includes(to)) return;
  if (from === 'exception')
    throw new InvoiceError('PAYMENT_BLOCKED', {
      en: `supplier invoice #${id} is an exception of the three-way match: finance must resolve it first (accept, short-pay or debit note)`,
      'zh-CN': `供应商发票 #${id} 三单匹配异常：须先由财务处理（接受、按建议金额付款或开具扣款单）`,
    });
  throw new InvoiceError('ILLEGAL_TRANSITION', {
    en: `supplier invoice #${id} is ${STEP_WORDS[from].en} and cannot become ${STEP_WORDS[to].en}`,
    'zh-CN': `供应商发票 #${id} 当前为${STEP_WORDS[from]['zh-CN']}，不能变为${STEP_WORDS[to]['zh-CN']}`,
  });
}
