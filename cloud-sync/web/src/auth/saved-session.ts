import { CentralSession } from '../../../../shared/central/api';

const STORAGE_KEY = 'galley.central.session';

/**
 * The session lives in sessionStorage: it survives a reload but not closing the tab,
 * and is never shared with other tabs or people using the same laptop later.
 */
export function loadSession(now: number, storage: Storage | undefined = globalThis.sessionStorage) {
  const raw = storage?.getItem(STORAGE_KEY);
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    storage?.removeItem(STORAGE_KEY);
    return undefined;
  }
  const parsed = CentralSession.safeParse(json);
  if (!parsed.success || parsed.data.expiresAt <= now) {
    storage?.removeItem(STORAGE_KEY);
    return undefined;
  }
  return parsed.data;
}

export function saveSession(
  session: CentralSession,
  storage: Storage | undefined = globalThis.sessionStorage,
) {
  storage?.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage | undefined = globalThis.sessionStorage) {
  storage?.removeItem(STORAGE_KEY);
}
