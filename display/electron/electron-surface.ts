/**
 * The few parts of Electron's main-process API the kiosk uses. The kiosk's logic
 * depends on this narrow surface rather than on the whole module, so the tests can
 * hand in a fake; main.ts hands in the real module, typed by Electron's own
 * declarations, so the compiler checks these shapes against the real API.
 * (Electron is installed for its types only: its postinstall, which downloads the
 * runtime, is denied in package.json `allowScripts`.)
 */

export interface WebPreferences {
  preload: string;
  contextIsolation: true;
  nodeIntegration: false;
  sandbox: true;
  webSecurity: true;
}

export interface KioskWindowOptions {
  kiosk: boolean;
  fullscreen: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  show: boolean;
  webPreferences: WebPreferences;
}

export interface NavigationEvent {
  preventDefault(): void;
}

export interface RenderProcessGoneDetails {
  reason: string;
  exitCode: number;
}

export interface WindowOpenDecision {
  action: 'deny';
}

export interface KioskWebContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent, url: string) => void): void;
  on(
    event: 'did-fail-load',
    listener: (
      event: unknown,
      errorCode: number,
      errorDescription: string,
      validatedURL: string,
      isMainFrame: boolean,
    ) => void,
  ): void;
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: RenderProcessGoneDetails) => void,
  ): void;
  on(event: 'unresponsive', listener: () => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenDecision): void;
  getURL(): string;
}

export interface KioskBrowserWindow {
  readonly webContents: KioskWebContents;
  loadURL(url: string): Promise<void>;
  loadFile(path: string, options?: { query?: Record<string, string> }): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  show(): void;
}

export interface IpcInvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

export interface KioskIpcMain {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface KioskPowerSaveBlocker {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): void;
  isStarted(id: number): boolean;
}

/** What the kiosk needs from Electron, injected. */
export interface KioskElectron {
  createWindow(options: KioskWindowOptions): KioskBrowserWindow;
  ipcMain: KioskIpcMain;
  powerSaveBlocker: KioskPowerSaveBlocker;
  appVersion(): string;
}
