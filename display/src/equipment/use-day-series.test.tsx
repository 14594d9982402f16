// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EquipmentView } from '../../../shared/api/equipment';
import { chartWindow, ROLLUP_STEP_MS } from '../charts/series';
import { equipmentView } from '../testing/equipment-fixtures';
import { useDaySeries } from './use-day-series';

const NOW = Date.UTC(2026, 0, 5, 4, 33, 20);
const { split } = chartWindow(NOW);

/** The edge as the chart sees it: five-minute rollups, and raw readings unless refused. */
let rawRefused: boolean;
let asked: URL[];

beforeEach(() => {
  rawRefused = false;
  asked = [];
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, 'http://edge');
    asked.push(url);
    const step = url.searchParams.get('step');
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
    if (step === String(ROLLUP_STEP_MS)) return json([{ ts: split - ROLLUP_STEP_MS, value: 3 }]);
    if (step === '60000') return json([{ ts: split + 60_000, value: 4 }]);
    if (rawRefused) return json({ error: 'bad_request', message: 'more than 10000 readings' }, 400);
    return json([
      { ts: split + 10_000, value: 4 },
      { ts: split + 20_000, value: 5 },
    ]);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function cooler(value: number, ts: number): EquipmentView {
  return equipmentView({ id: 'wic-1', readings: { temp_c: { value, ts } } });
}

describe('useDaySeries', () => {
  it('joins the rollups and the raw hour, then draws each reading the board receives', async () => {
    const { result, rerender } = renderHook(
      ({ equipment }) => useDaySeries(equipment, 'temp_c', NOW, undefined),
      {
        initialProps: { equipment: cooler(5, split + 20_000) },
      },
    );
    await waitFor(() => expect(result.current?.values).toEqual([3, 4, 5]));
    expect(asked.map((u) => u.searchParams.get('step'))).toEqual([String(ROLLUP_STEP_MS), null]);

    rerender({ equipment: cooler(6.5, split + 30_000) });
    rerender({ equipment: cooler(7, split + 40_000) });
    await waitFor(() => expect(result.current?.values).toEqual([3, 4, 5, 6.5, 7]));
    expect(result.current?.ts.at(-1)).toBe(split + 40_000);
  });

  it('stands in one-minute rollups for the raw hour where the edge refuses so many readings', async () => {
    rawRefused = true;
    const { result } = renderHook(() => useDaySeries(cooler(4, split + 60_000), 'temp_c', NOW, undefined));
    await waitFor(() => expect(result.current?.values).toEqual([3, 4]));
    expect(asked.some((u) => u.searchParams.get('step') === '60000')).toBe(true);
  });
});
