import { describe, expect, it } from 'vitest';
import type { PurchaseOrderView } from '../../../shared/api/purchasing';
import { moneyText } from './purchasing-context';
import { draftReceipt, linesNamed, outstandingOf, rejectWhole, startingEntries } from './receipt-entry';

const line = (n: number, qty: string, received: string, chilled = false) => ({
  line: n,
  kind: 'ingredient' as const,
  item: `item-${n}`,
  name: { en: `Item ${n}`, 'zh-CN': `品项 ${n}` },
  unit: 'kg',
  baseUnitsPerUnit: '1000',
  qty,
  unitPrice: '82.00',
  taxRatePct: '9',
  net: '0.00',
  vat: '0.00',
  gross: '0.00',
  chilled,
  receivedQty: received,
  rejectedQty: '0',
  requests: [] as number[],
});

const order = {
  lines: [line(1, '10', '9.5', true), line(2, '6', '6'), line(3, '0.3', '0.1')],
} as PurchaseOrderView;

describe('the receiving form', () => {
  it('starts from what is still to come, exactly, leaving out lines received in full', () => {
    expect(outstandingOf(order.lines[0] ?? line(0, '0', '0'))).toBe('0.5');
    // 0.3 − 0.1 in binary floats is 0.19999999999999998: decimals keep it 0.2.
    expect(startingEntries(order).map((e) => [e.line, e.qty])).toEqual([
      [1, '0.5'],
      [3, '0.2'],
    ]);
  });

  it('sends only lines where something came or went back, checked by the shared schema', () => {
    const [first, third] = startingEntries(order);
    if (!first || !third) throw new Error('two lines expected');
    const draft = draftReceipt('DN-1', [
      { ...first, tempC: '3,5', lot: ' L1 ' },
      { ...third, qty: '0' },
    ]);
    expect(draft).toEqual({
      ok: true,
      receipt: { ref: 'DN-1', lines: [{ line: 1, qty: '0.5', lot: 'L1', deliveryTempC: 3.5 }] },
    });
    expect(draftReceipt('DN-1', [{ ...third, qty: '' }])).toEqual({ ok: false, error: 'nothing' });
    const noReason = draftReceipt('DN-1', [{ ...first, rejectedQty: '0.5' }]);
    expect(noReason.ok).toBe(false);
    const garbage = draftReceipt('DN-1', [{ ...first, qty: '1e3' }]);
    expect(garbage.ok).toBe(false);
  });

  it('rejects a line whole with its reason, and finds the lines a refusal names', () => {
    const [first] = startingEntries(order);
    if (!first) throw new Error('a line expected');
    const whole = rejectWhole({ ...first, tempC: '7.5' }, '0.5', 'too warm');
    expect(draftReceipt('DN-2', [whole])).toEqual({
      ok: true,
      receipt: {
        ref: 'DN-2',
        lines: [{ line: 1, qty: '0', rejectedQty: '0.5', rejectReason: 'too warm', deliveryTempC: 7.5 }],
      },
    });
    const receipt = {
      ref: 'x',
      lines: [
        { line: 3, qty: '1' },
        { line: 1, qty: '1' },
      ],
    };
    expect(linesNamed(['body.lines.1.deliveryTempC: too warm', 'unrelated'], receipt)).toEqual([1]);
    expect(linesNamed(undefined, receipt)).toEqual([]);
  });

  it('shows money as the edge wrote it, only grouped and signed', () => {
    expect(moneyText('849.11', 'CNY')).toBe('¥849.11');
    expect(moneyText('1234567.80', 'CNY')).toBe('¥1,234,567.80');
    expect(moneyText('-44.69', 'CNY')).toBe('-¥44.69');
    expect(moneyText('10.00', 'SGD')).toBe('SGD 10.00');
  });
});
