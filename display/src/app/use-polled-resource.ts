import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { requestEdge } from '../api/edge-client';
import type { Resource } from './use-edge-resource';

export interface PolledResource<T> {
  resource: Resource<T>;
  /** asks again now (after the person changed something), then keeps the rhythm */
  refresh: () => void;
}

/** The first retry after a failed poll; each further failure doubles it, up to `everyMs`. */
export const FIRST_RETRY_MS = 1_000;

/**
 * How long to wait before asking again: the rhythm after a good answer; after `failures`
 * failures in a row, a short wait that doubles each time. A screen whose first read timed
 * out on a busy box (a station screen reads its setup once a minute) must not stay blank
 * for the rest of the minute.
 */
export function nextPollDelay(everyMs: number, failures: number): number {
  if (failures === 0) return everyMs;
  return Math.min(everyMs, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 20));
}

/**
 * A GET asked again every `everyMs`, sooner after a failure. A failed poll
 * keeps the last good answer on screen (a blip must not blank a panel) and says so
 * only while nothing was ever fetched.
 */
export function usePolledResource<S extends z.ZodType>(
  path: string | undefined,
  schema: S,
  /** a person's token where the read needs one; board data reads without */
  token: string | undefined,
  everyMs: number,
): PolledResource<z.infer<S>> {
  const [resource, setResource] = useState<Resource<z.infer<S>>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const lastGood = useRef(false);
  const failures = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick only asks for the same resource again
  useEffect(() => {
    if (!path) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The next poll is timed from this answer, so a slow answer is never thrown away by the next ask.
    const askAgain = () => {
      if (live)
        timer = setTimeout(() => live && setTick((n) => n + 1), nextPollDelay(everyMs, failures.current));
    };
    requestEdge(path, schema, { token })
      .then((data) => {
        if (!live) return;
        failures.current = 0;
        lastGood.current = true;
        setResource({ status: 'ok', data });
        askAgain();
      })
      .catch((err: unknown) => {
        if (!live) return;
        failures.current++;
        askAgain();
        if (lastGood.current) return;
        setResource({ status: 'error', message: err instanceof Error ? err.message : String(err) });
      });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, schema, token, everyMs, tick]);

  return { resource, refresh };
}
