/**
 * This display's pairing, kept in the browser's localStorage so it survives reloads,
 * power cuts and kiosk restarts. Only a manager's confirmation gives one, and only
 * a manager revoking it (the edge then answers `display_not_paired`) takes it away.
 */
export interface StoredPairing {
  credential: string;
  id: string;
  name: string;
}

export interface CredentialStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'galley.display';

export class DisplayCredentialStore {
  readonly #listeners = new Set<() => void>();
  readonly #storage: CredentialStorage | undefined;
  #current: StoredPairing | undefined;

  constructor(storage: CredentialStorage | undefined) {
    this.#storage = storage;
    this.#current = parse(safely(() => storage?.getItem(KEY) ?? null));
  }

  readonly get = (): StoredPairing | undefined => this.#current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(pairing: StoredPairing): void {
    this.#current = pairing;
    safely(() => this.#storage?.setItem(KEY, JSON.stringify(pairing)));
    this.#notify();
  }

  clear(): void {
    if (!this.#current) return;
    this.#current = undefined;
    safely(() => this.#storage?.removeItem(KEY));
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

function parse(text: string | null | undefined): StoredPairing | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      'credential' in value &&
      typeof value.credential === 'string' &&
      'id' in value &&
      typeof value.id === 'string' &&
      'name' in value &&
      typeof value.name === 'string'
    ) {
      return { credential: value.credential, id: value.id, name: value.name };
    }
  } catch {
    // A damaged entry is as good as none: the display pairs again.
  }
  return undefined;
}

/** Storage can throw (private mode, quota); the display then pairs for this page's life only. */
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The display's own pairing, shared by every request it makes. */
export const displayCredential = new DisplayCredentialStore(
  typeof localStorage === 'undefined' ? undefined : localStorage,
);
