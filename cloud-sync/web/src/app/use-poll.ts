import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { RequestError } from '../../../../shared/browser/json-client';
import { requestCentral } from '../api/central-client';

export interface Polled<T> {
  data: T | undefined;
  /** page clock when `data` arrived: server-measured ages keep running from here */
  fetchedAt: number | undefined;
  error: RequestError | undefined;
}

export interface PollOptions {
  token: string;
  everyMs: number;
  clock: () => number;
  onUnauthorized: () => void;
}

/**
 * GETs `path` now and again `everyMs` after each answer (never two at once). On a
 * failure the last good data stays on screen next to the error.
 */
export function usePoll<S extends z.ZodType>(
  path: string | undefined,
  schema: S,
  { token, everyMs, clock, onUnauthorized }: PollOptions,
): Polled<z.infer<S>> {
  const [state, setState] = useState<Polled<z.infer<S>>>({
    data: undefined,
    fetchedAt: undefined,
    error: undefined,
  });
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    setState({ data: undefined, fetchedAt: undefined, error: undefined });
    if (!path) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await requestCentral(path, schema, { token });
        if (live) setState({ data, fetchedAt: clock(), error: undefined });
      } catch (err) {
        const error = err instanceof RequestError ? err : new RequestError('network', String(err));
        if (!live) return;
        if (error.code === 'unauthorized') {
          unauthorized.current();
          return;
        }
        setState((previous) => ({ ...previous, error }));
      }
      if (live) timer = setTimeout(poll, everyMs);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, schema, token, everyMs, clock]);

  return state;
}
