import { BRIDGE_NAME, type GalleyKioskBridge } from '../../electron/kiosk-bridge';

/** The Electron kiosk's bridge when the display runs inside it; undefined in a plain browser. */
export function kioskBridge(): GalleyKioskBridge | undefined {
  const candidate: unknown = Reflect.get(globalThis, BRIDGE_NAME);
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const bridge = candidate as Partial<GalleyKioskBridge>;
  return typeof bridge.keepScreenOn === 'function' && typeof bridge.appVersion === 'function'
    ? (bridge as GalleyKioskBridge)
    : undefined;
}

/** A wall display that dims mid-shift is a display nobody reads. */
export function keepKioskScreenOn(): void {
  kioskBridge()
    ?.keepScreenOn(true)
    .catch((err: unknown) => {
      // The board works without it; the kiosk logs the refusal on its side.
      document.documentElement.dataset.kioskBridgeError = err instanceof Error ? err.message : String(err);
    });
}
