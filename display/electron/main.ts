/**
 * Electron main process of the kitchen kiosk. Bundled to CommonJS next to the
 * preload and the offline page by launch-kiosk.ts; everything with logic lives in
 * KioskWindow and KioskIpc, which get Electron through the narrow surface below.
 */
import { join } from 'node:path';
import { probeEdge } from './edge-probe';
import type { KioskElectron } from './electron-surface';
import { KioskIpc } from './kiosk-ipc';
import { kioskOptionsFrom } from './kiosk-options';
import { KioskWindow } from './kiosk-window';

// Typed by Electron's own declarations, so the narrow surface below is checked against the real API.
const { app, BrowserWindow, ipcMain, powerSaveBlocker }: typeof import('electron') = require('electron');

const log = (entry: { msg: string; [key: string]: unknown }) =>
  process.stdout.write(`${JSON.stringify({ time: Date.now(), ns: 'kiosk', ...entry })}\n`);

const options = kioskOptionsFrom(process.argv, process.env);
const electron: KioskElectron = {
  createWindow: (windowOptions) => new BrowserWindow(windowOptions),
  ipcMain,
  powerSaveBlocker,
  appVersion: () => app.getVersion(),
};

// Critical alarms beep before anyone has touched the screen.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');

const kioskWindow = new KioskWindow({
  electron,
  options,
  preloadPath: join(__dirname, 'preload.cjs'),
  offlinePagePath: join(__dirname, 'offline.html'),
  probe: (url) => probeEdge(url),
  timers: globalThis,
  now: () => Date.now(),
  log,
});
const ipc = new KioskIpc({ electron, edgeOrigin: kioskWindow.edgeOrigin, log });

app
  .whenReady()
  .then(async () => {
    ipc.start();
    await kioskWindow.start();
    log({ msg: 'kiosk started', edgeUrl: options.edgeUrl, kiosk: options.kiosk });
  })
  .catch((err: unknown) => {
    log({ msg: 'kiosk failed to start', err: String(err) });
    app.quit();
  });

app.on('before-quit', () => {
  ipc.stop();
  kioskWindow.stop();
});
app.on('window-all-closed', () => app.quit());
