// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { FIRST_RETRY_MS, nextPollDelay, usePolledResource } from './use-polled-resource';

describe('nextPollDelay', () => {
  it('keeps the rhythm after a good answer and retries sooner, doubling, after failures', () => {
    expect(nextPollDelay(60_000, 0)).toBe(60_000);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => nextPollDelay(60_000, n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000,
    ]);
    expect(nextPollDelay(60_000, 500)).toBe(60_000);
    // a rhythm shorter than the first retry is never slowed down by a failure
    expect(nextPollDelay(500, 3)).toBe(500);
  });
});

describe('usePolledResource', () => {
  /** the edge as the screen sees it: fails until told otherwise */
  let failing: boolean;
  let asked: number;

  beforeEach(() => {
    vi.useFakeTimers();
    failing = true;
    asked = 0;
    vi.stubGlobal('fetch', async () => {
      asked++;
      if (failing) throw new TypeError('Failed to fetch');
      return new Response('{"stations":2}', { status: 200 });
    });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const Setup = z.object({ stations: z.number() });
  const flush = () => act(() => vi.advanceTimersByTimeAsync(0));

  it('a first read that fails is asked again within seconds, not after the whole rhythm', async () => {
    const { result } = renderHook(() => usePolledResource('/api/kds/setup', Setup, undefined, 60_000));
    await flush();
    expect(result.current.resource.status).toBe('error');
    expect(asked).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(FIRST_RETRY_MS));
    expect(asked).toBe(2);
    failing = false;
    await act(() => vi.advanceTimersByTimeAsync(2 * FIRST_RETRY_MS));
    expect(asked).toBe(3);
    expect(result.current.resource).toEqual({ status: 'ok', data: { stations: 2 } });
    // back to the rhythm once the edge answers
    await act(() => vi.advanceTimersByTimeAsync(59_000));
    expect(asked).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(asked).toBe(4);
  });

  it('a failed poll after a good answer keeps the good answer on screen', async () => {
    failing = false;
    const { result } = renderHook(() => usePolledResource('/api/kds/setup', Setup, undefined, 10_000));
    await flush();
    expect(result.current.resource.status).toBe('ok');
    failing = true;
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(asked).toBe(2);
    expect(result.current.resource).toEqual({ status: 'ok', data: { stations: 2 } });
  });
});
