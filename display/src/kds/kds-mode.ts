import { useEffect } from 'react';
import { type PrefStorage, savedKdsMode, saveKdsMode } from './kds-prefs';

/**
 * The order screens are a mode of the display beside the equipment board. A kitchen
 * screen left on them opens on them again after a reload or a power cut, and the
 * idle timeout (which sends other screens back to the board) leaves them be.
 */
export function kdsModeAtStart(storage?: PrefStorage): boolean {
  return savedKdsMode(storage);
}

export function useRememberKdsMode(on: boolean, storage?: PrefStorage): void {
  useEffect(() => saveKdsMode(on, storage), [on, storage]);
}

/** Where an idle display goes back to the board: not from the order screens, which are a board of their own. */
export function idleTarget(onKds: boolean, toBoard: () => void): () => void {
  return onKds ? () => undefined : toBoard;
}

/** ws(s)://host/mqtt of the edge that served the page, as the board's push uses. */
export function pageMqttUrl(): string | undefined {
  if (typeof location === 'undefined' || !location.host) return undefined;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
}
