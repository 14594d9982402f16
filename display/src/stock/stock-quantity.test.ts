import { describe, expect, it } from 'vitest';
import { formatMoney, formatQuantity, parseStockQuantity } from './stock-quantity';

describe('a stock quantity typed on the pad', () => {
  it('is the decimal typed, not a sum of floats', () => {
    expect(parseStockQuantity('0.1', 'moved')).toEqual({ ok: true, value: 0.1 });
    expect(parseStockQuantity('4875.5', 'count')).toEqual({ ok: true, value: 4875.5 });
    expect(parseStockQuantity('2,250', 'count')).toEqual({ ok: true, value: 2.25 });
    expect(parseStockQuantity('12.500', 'count')).toEqual({ ok: true, value: 12.5 });
  });

  it('lets a count be 0 (an empty shelf) but not waste or goods in', () => {
    expect(parseStockQuantity('0', 'count')).toEqual({ ok: true, value: 0 });
    expect(parseStockQuantity('0', 'moved')).toEqual({ ok: false, problem: 'zero' });
  });

  it('refuses what the edge would refuse, saying why', () => {
    expect(parseStockQuantity('', 'count')).toEqual({ ok: false, problem: 'empty' });
    expect(parseStockQuantity('-3', 'count')).toEqual({ ok: false, problem: 'negative' });
    expect(parseStockQuantity('1.2345', 'count')).toEqual({ ok: false, problem: 'tooPrecise' });
    expect(parseStockQuantity('1.2.3', 'count')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseStockQuantity('100001', 'moved')).toEqual({ ok: false, problem: 'tooMany' });
    expect(parseStockQuantity('100001', 'count')).toEqual({ ok: true, value: 100001 });
    expect(parseStockQuantity('10000001', 'count')).toEqual({ ok: false, problem: 'tooMany' });
  });

  it('is shown grouped, to a thousandth, with a real minus', () => {
    expect(formatQuantity(3250.5, 'en')).toBe('3,250.5');
    expect(formatQuantity(-0.125, 'en')).toBe('−0.125');
    expect(formatMoney({ currency: 'CNY', amount: -26.4 }, 'zh-CN')).toBe('−¥26.40');
  });
});
