import { describe, expect, it } from 'vitest';
import { step, T0, workOrder } from '../testing/work-order-fixtures';
import { checkMeasurement, daysLate, isDone, rangeText, stepsToMeasure, taskOrder } from './task-state';

const probe = step({ stepId: 'probe', measure: { unit: '°C', min: 0, max: 4 } });

describe('checkMeasurement', () => {
  it('takes values in range, with a comma or a real minus sign as typed', () => {
    expect(checkMeasurement(probe, '3.5')).toEqual({ ok: true, value: 3.5 });
    expect(checkMeasurement(probe, ' 2,5 ')).toEqual({ ok: true, value: 2.5 });
    expect(checkMeasurement(probe, '0')).toEqual({ ok: true, value: 0 });
    const freezer = step({ stepId: 'f', measure: { unit: '°C', max: -18 } });
    expect(checkMeasurement(freezer, '−19.5')).toEqual({ ok: true, value: -19.5 });
  });

  it('refuses empty input, junk and values outside the range, saying which', () => {
    expect(checkMeasurement(probe, '')).toEqual({ ok: false, reason: 'empty' });
    expect(checkMeasurement(probe, '3..5')).toEqual({ ok: false, reason: 'not_a_number' });
    expect(checkMeasurement(probe, '-')).toEqual({ ok: false, reason: 'not_a_number' });
    expect(checkMeasurement(probe, '7.2')).toEqual({ ok: false, reason: 'out_of_range', value: 7.2 });
    expect(checkMeasurement(probe, '-0.1')).toEqual({ ok: false, reason: 'out_of_range', value: -0.1 });
  });
});

describe('tasks', () => {
  it('writes ranges as people read them', () => {
    expect(rangeText({ unit: '°C', min: 0, max: 4 })).toBe('0 – 4 °C');
    expect(rangeText({ unit: '°C', min: 82 })).toBe('≥ 82 °C');
    expect(rangeText({ unit: '°C', max: -18 })).toBe('≤ −18 °C');
  });

  it('asks again for a value measured out of range, never for one already fine', () => {
    const order = workOrder({
      id: 1,
      checklist: [
        step({ stepId: 'clean' }),
        { ...probe, stepId: 'ok', value: 3, inRange: true, signedAt: T0, signedBy: 'staff-chen' },
        { ...probe, stepId: 'bad', value: 9, inRange: false, signedAt: T0, signedBy: 'staff-chen' },
        { ...probe, stepId: 'new' },
      ],
    });
    expect(stepsToMeasure(order).map((s) => s.stepId)).toEqual(['bad', 'new']);
  });

  it('orders overdue first, then open, then done; done is resolved or later', () => {
    const done = workOrder({ id: 1, status: 'verified', resolvedAt: T0, resolvedBy: 'staff-chen' });
    const open = workOrder({ id: 2, dueAt: T0 - 1000 });
    const late = workOrder({ id: 3, overdue: true, dueAt: T0 + 5000 });
    expect(isDone(done)).toBe(true);
    expect(isDone(open)).toBe(false);
    expect([done, open, late].sort(taskOrder).map((o) => o.id)).toEqual([3, 2, 1]);
    expect(daysLate(workOrder({ id: 4, dueAt: T0 - 3.5 * 86_400_000 }), T0)).toBe(3);
  });
});
