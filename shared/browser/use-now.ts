import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `everyMs`, for clocks and ages on screen. The clock is
 * the app's own, passed in, so tests run it on fake time.
 */
export function useNow(now: () => number, everyMs = 1000): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setValue(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, everyMs]);
  return value;
}
