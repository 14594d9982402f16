/**
 * What the preload puts on `window.galleyKiosk` for the display: nothing else of
 * Electron or Node reaches the page. Absent when the display runs in a browser.
 */
export interface GalleyKioskBridge {
  appVersion(): Promise<string>;
  /** true while the screen is kept from sleeping */
  keepScreenOn(on: boolean): Promise<boolean>;
}

export const BRIDGE_NAME = 'galleyKiosk';
