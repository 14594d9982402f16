/**
 * Runs in the sandboxed renderer before the display loads. Bundled to CommonJS by
 * launch-kiosk.ts: a sandboxed preload may require only 'electron'. Two named,
 * typed functions go over the bridge, never ipcRenderer itself.
 */
import { BRIDGE_NAME, type GalleyKioskBridge } from './kiosk-bridge';
import { KIOSK_CHANNELS } from './kiosk-channels';

// The one place the real module comes in; `require` exists in the bundled CommonJS preload.
const { contextBridge, ipcRenderer }: typeof import('electron') = require('electron');

const bridge: GalleyKioskBridge = {
  appVersion: async () => String(await ipcRenderer.invoke(KIOSK_CHANNELS.appVersion)),
  keepScreenOn: async (on) => (await ipcRenderer.invoke(KIOSK_CHANNELS.keepScreenOn, on === true)) === true,
};

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
