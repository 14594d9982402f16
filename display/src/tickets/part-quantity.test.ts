import { describe, expect, it } from 'vitest';
import { UsedPartInput } from '../../../shared/api/tickets';
import { parsePartQuantity } from './part-quantity';

describe('a part quantity as typed', () => {
  it('reads a measured part to its decimals, exactly as the edge will store it', () => {
    expect(parsePartQuantity('1.25', 3)).toEqual({ ok: true, value: 1.25 });
    expect(parsePartQuantity(' 0,1 ', 3)).toEqual({ ok: true, value: 0.1 });
    const sent = UsedPartInput.parse({ name: 'gasket', quantity: 0.1 });
    expect(sent.quantity).toBe(0.1);
    expect(parsePartQuantity('1.2345', 3)).toEqual({ ok: false, problem: 'tooPrecise' });
  });

  it('keeps a counted part to whole numbers, though "2.0" is still two', () => {
    expect(parsePartQuantity('2', 0)).toEqual({ ok: true, value: 2 });
    expect(parsePartQuantity('2.0', 0)).toEqual({ ok: true, value: 2 });
    expect(parsePartQuantity('1.5', 0)).toEqual({ ok: false, problem: 'wholeOnly' });
  });

  it('refuses what is not a use: nothing, zero, words, negatives and absurd amounts', () => {
    expect(parsePartQuantity('', 0)).toEqual({ ok: false, problem: 'empty' });
    expect(parsePartQuantity('0', 0)).toEqual({ ok: false, problem: 'zero' });
    expect(parsePartQuantity('0.000', 3)).toEqual({ ok: false, problem: 'zero' });
    expect(parsePartQuantity('two', 0)).toEqual({ ok: false, problem: 'notANumber' });
    expect(parsePartQuantity('-1', 0)).toEqual({ ok: false, problem: 'notANumber' });
    expect(parsePartQuantity('1e3', 0)).toEqual({ ok: false, problem: 'notANumber' });
    expect(parsePartQuantity('100001', 0)).toEqual({ ok: false, problem: 'tooMany' });
    expect(parsePartQuantity('100000', 0)).toEqual({ ok: true, value: 100_000 });
  });
});
