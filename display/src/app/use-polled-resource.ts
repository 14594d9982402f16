import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { requestEdge } from '../api/edge-client';
import type { Resource } from './use-edge-resource';

export interface PolledResource<T> {
  resource: Resource<T>;
  /** asks again now (after the person changed something), then keeps the rhythm */
  refresh: () => void;
}

/**
 * A GET asked again every `everyMs`. A failed poll
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick only asks for the same resource again
  useEffect(() => {
    if (!path) return;
    let live = true;
    requestEdge(path, schema, { token })
      .then((data) => {
        if (!live) return;
        lastGood.current = true;
        setResource({ status: 'ok', data });
      })
      .catch((err: unknown) => {
        if (!live || lastGood.current) return;
        setResource({ status: 'error', message: err instanceof Error ? err.message : String(err) });
      });
    const timer = setTimeout(() => live && setTick((n) => n + 1), everyMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, schema, token, everyMs, tick]);

  return { resource, refresh };
}
