import { useEffect, useState, useSyncExternalStore } from 'react';
import { EMPTY_KDS, KdsLive, type KdsLiveOptions, type KdsSnapshot } from './kds-live';

const noSubscription = () => () => undefined;
const empty = () => EMPTY_KDS;

/** The live tickets of `stations`, started and stopped with the screen and whenever the choice changes. */
export function useKdsLive(
  stations: readonly string[],
  options: Omit<KdsLiveOptions, 'stations'>,
): { snapshot: KdsSnapshot; refresh: (stations?: Iterable<string>) => Promise<void> } {
  const [live, setLive] = useState<KdsLive | undefined>();
  const key = stations.join('\n');
  const { now, storeId, mqttUrl, pollMs, unpushedPollMs, debounceMs, pairing, connectPush, fetchTickets } =
    options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the station list; a new list starts a new feed
  useEffect(() => {
    if (stations.length === 0) {
      setLive(undefined);
      return;
    }
    const feed = new KdsLive({
      stations: key.split('\n'),
      now,
      storeId,
      mqttUrl,
      pollMs,
      unpushedPollMs,
      debounceMs,
      pairing,
      connectPush,
      fetchTickets,
    });
    feed.start();
    setLive(feed);
    return () => feed.stop();
  }, [key, now, storeId, mqttUrl, pollMs, unpushedPollMs, debounceMs, pairing, connectPush, fetchTickets]);
  const snapshot = useSyncExternalStore(live?.subscribe ?? noSubscription, live?.getSnapshot ?? empty);
  return { snapshot, refresh: (s) => live?.refresh(s) ?? Promise.resolve() };
}
