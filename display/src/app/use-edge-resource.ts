import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { requestEdge } from '../api/edge-client';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; message: string };

/** One GET for a detail screen, fetched again when `path` or `refreshKey` changes. */
export function useEdgeResource<S extends z.ZodType>(
  path: string | undefined,
  schema: S,
  /** a person's token where the read needs one; board data reads without */
  token: string | undefined,
  refreshKey: unknown = 0,
): Resource<z.infer<S>> {
  const [state, setState] = useState<Resource<z.infer<S>>>({ status: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey only asks for the same resource again
  useEffect(() => {
    if (!path) return;
    let live = true;
    requestEdge(path, schema, { token })
      .then((data) => live && setState({ status: 'ok', data }))
      .catch(
        (err: unknown) =>
          live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, [path, schema, token, refreshKey]);
  return state;
}
