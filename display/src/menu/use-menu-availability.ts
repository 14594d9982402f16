import { useEffect, useState, useSyncExternalStore } from 'react';
import { pageMqttUrl } from '../kds/kds-mode';
import { EMPTY_MENU, MenuLive, type MenuLiveOptions, type MenuSnapshot } from './menu-live';

const noSubscription = () => () => undefined;
const empty = () => EMPTY_MENU;

/** The store's menu availability, live while the screen showing it is mounted. */
export function useMenuAvailability(
  storeId: string | undefined,
  options: Omit<MenuLiveOptions, 'storeId'> = {},
): { snapshot: MenuSnapshot; refresh: () => Promise<void> } {
  const [live, setLive] = useState<MenuLive | undefined>();
  const { pollMs, debounceMs, pairing, connectPush, fetchAvailability } = options;
  const mqttUrl = 'mqttUrl' in options ? options.mqttUrl : pageMqttUrl();
  useEffect(() => {
    const feed = new MenuLive({
      storeId,
      mqttUrl,
      pollMs,
      debounceMs,
      pairing,
      connectPush,
      fetchAvailability,
    });
    feed.start();
    setLive(feed);
    return () => feed.stop();
  }, [storeId, mqttUrl, pollMs, debounceMs, pairing, connectPush, fetchAvailability]);
  const snapshot = useSyncExternalStore(live?.subscribe ?? noSubscription, live?.getSnapshot ?? empty);
  return { snapshot, refresh: () => live?.refresh() ?? Promise.resolve() };
}
