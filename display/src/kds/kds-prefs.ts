/**
 * What one kitchen screen remembers across reloads and power cuts, in its own
 * localStorage: the stations it shows, and whether it opens on the order screens.
 */
export interface PrefStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const STATIONS_KEY = 'galley.kds.stations';
export const MODE_KEY = 'galley.kds.mode';

export function browserStorage(): PrefStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Storage refused (a locked-down kiosk profile): the screen still works, it only forgets.
    return undefined;
  }
}

/** A broken or refused storage must never take the kitchen screen down. */
function read(storage: PrefStorage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: PrefStorage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Not remembered, still shown: the choice holds until the next reload.
  }
}

/** The station ids this screen shows; none chosen yet is an empty list. */
export function savedStations(storage = browserStorage()): string[] {
  const text = read(storage, STATIONS_KEY);
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function saveStations(stations: readonly string[], storage = browserStorage()): void {
  write(storage, STATIONS_KEY, JSON.stringify(stations));
}

/** A screen left on the order screens comes back on them after a reload. */
export function savedKdsMode(storage = browserStorage()): boolean {
  return read(storage, MODE_KEY) === 'kds';
}

export function saveKdsMode(on: boolean, storage = browserStorage()): void {
  write(storage, MODE_KEY, on ? 'kds' : 'board');
}
