import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs`, for ages that keep running on screen. */
export function useNow(clock: () => number, everyMs = 1000): number {
  const [value, setValue] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setValue(clock()), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return value;
}
