import { useEffect, useState } from 'react';
import type { Resource } from '../app/use-edge-resource';

/**
 * One read per chosen station, asked for together and again when `refreshKey` changes
 * (a panel opened, a ticket bumped). The last good answer stays while the next is asked for.
 */
export function useStationReads<T>(
  stations: readonly string[],
  read: (station: string) => Promise<T>,
  refreshKey: unknown,
): Resource<{ station: string; data: T }[]> {
  const [state, setState] = useState<Resource<{ station: string; data: T }[]>>({ status: 'loading' });
  const key = stations.join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the station list; refreshKey asks again
  useEffect(() => {
    let live = true;
    const chosen = key === '' ? [] : key.split('\n');
    Promise.all(chosen.map(async (station) => ({ station, data: await read(station) })))
      .then((data) => live && setState({ status: 'ok', data }))
      .catch(
        (err: unknown) =>
          live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, [key, read, refreshKey]);
  return state;
}
