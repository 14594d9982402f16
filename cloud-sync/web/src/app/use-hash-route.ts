import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { view: 'stores' }
  | { view: 'tickets' }
  | { view: 'alarms' }
  | { view: 'maintenance' }
  | { view: 'speed' }
  | { view: 'stock' }
  | { view: 'food-safety' }
  | { view: 'predictive' }
  | { view: 'purchasing' }
  | { view: 'scorecard' }
  | { view: 'updates' }
  | { view: 'store'; storeId: string };

/** `#/stores`, `#/alarms`, `#/tickets`, `#/maintenance`, `#/speed`, `#/stock`, `#/food-safety`, `#/stores/{id}`: links can be shared and Back works. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'tickets') return { view: 'tickets' };
  if (parts[0] === 'alarms') return { view: 'alarms' };
  if (parts[0] === 'maintenance') return { view: 'maintenance' };
  if (parts[0] === 'speed') return { view: 'speed' };
  if (parts[0] === 'stock') return { view: 'stock' };
  if (parts[0] === 'food-safety') return { view: 'food-safety' };
  if (parts[0] === 'predictive') return { view: 'predictive' };
  if (parts[0] === 'purchasing') return { view: 'purchasing' };
  if (parts[0] === 'scorecard') return { view: 'scorecard' };
  if (parts[0] === 'updates') return { view: 'updates' };
  if (parts[0] === 'stores' && parts[1]) return { view: 'store', storeId: decodeURIComponent(parts[1]) };
  return { view: 'stores' };
}

export function routeHash(route: Route): string {
  if (route.view === 'store') return `#/stores/${encodeURIComponent(route.storeId)}`;
  return `#/${route.view}`;
}

export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = useCallback((next: Route) => {
    location.hash = routeHash(next);
  }, []);
  return [route, go];
}
