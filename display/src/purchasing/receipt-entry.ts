import Decimal from 'decimal.js';
import type { z } from 'zod';
import {
  GoodsReceiptRequest,
  type PurchaseOrderLineView,
  type PurchaseOrderView,
} from '../../../shared/api/purchasing';

/** One order line as typed on the receiving form: text until it is sent, checked by the shared schema. */
export interface LineEntry {
  line: number;
  qty: string;
  rejectedQty: string;
  rejectReason: string;
  lot: string;
  expiry: string;
  tempC: string;
}

/** What is still to come on a line: ordered less accepted so far (rejected goods are re-delivered). */
export function outstandingOf(line: PurchaseOrderLineView): string {
  const left = new Decimal(line.qty).minus(line.receivedQty);
  return left.isNegative() ? '0' : left.toString();
}

/** Lines that still wait for goods, each filled with what is still to come: what usually arrives. */
export function startingEntries(order: Pick<PurchaseOrderView, 'lines'>): LineEntry[] {
  return order.lines
    .filter((l) => new Decimal(outstandingOf(l)).gt(0))
    .map((l) => ({
      line: l.line,
      qty: outstandingOf(l),
      rejectedQty: '',
      rejectReason: '',
      lot: '',
      expiry: '',
      tempC: '',
    }));
}

/** The whole line sent back: nothing accepted, all that was still to come rejected with the reason. */
export function rejectWhole(entry: LineEntry, outstanding: string, reason: string): LineEntry {
  return { ...entry, qty: '0', rejectedQty: outstanding, rejectReason: reason };
}

const isZero = (text: string) => text.trim() === '' || /^0*(\.0*)?$/.test(text.trim());

export type ReceiptDraft =
  | { ok: true; receipt: GoodsReceiptRequest }
  | { ok: false; error: z.ZodError }
  | { ok: false; error: 'nothing' };

/**
 * The receipt the form stands for: lines where nothing came and nothing was sent back are
 * left out (a partial delivery); the rest go through the same zod schema the edge uses.
 */
export function draftReceipt(ref: string, entries: readonly LineEntry[]): ReceiptDraft {
  const lines = entries
    .filter((e) => !(isZero(e.qty) && isZero(e.rejectedQty)))
    .map((e) => {
      const temp = e.tempC.trim().replace(',', '.');
      return {
        line: e.line,
        qty: e.qty.trim() === '' ? '0' : e.qty.trim(),
        ...(isZero(e.rejectedQty) ? {} : { rejectedQty: e.rejectedQty.trim() }),
        ...(e.rejectReason.trim() ? { rejectReason: e.rejectReason.trim() } : {}),
        ...(e.lot.trim() ? { lot: e.lot.trim() } : {}),
        ...(e.expiry ? { expiry: e.expiry } : {}),
        ...(temp === '' ? {} : { deliveryTempC: Number(temp) }),
      };
    });
  if (lines.length === 0) return { ok: false, error: 'nothing' };
  const parsed = GoodsReceiptRequest.safeParse({ ref: ref.trim(), lines });
  return parsed.success ? { ok: true, receipt: parsed.data } : { ok: false, error: parsed.error };
}

/** The order lines a refusal's issues point at (`body.lines.0.deliveryTempC: …`), by receipt position. */
export function linesNamed(issues: readonly string[] | undefined, receipt: GoodsReceiptRequest): number[] {
  const named: number[] = [];
  for (const issue of issues ?? []) {
    const match = /^body\.lines\.(\d+)\./.exec(issue);
    const line = match ? receipt.lines[Number(match[1])]?.line : undefined;
    if (line !== undefined && !named.includes(line)) named.push(line);
  }
  return named;
}
