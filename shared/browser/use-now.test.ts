// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now';

const T0 = Date.UTC(2026, 0, 5, 8, 0);
const clock = () => Date.now();

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('useNow', () => {
  it("reads the app's clock at once and again every interval", () => {
    const { result, unmount } = renderHook(() => useNow(clock, 1000));
    expect(result.current).toBe(T0);
    act(() => {
      vi.advanceTimersByTime(999);
    });
    expect(result.current).toBe(T0);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe(T0 + 1000);
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(result.current).toBe(T0 + 6000);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
