import type { KioskBrowserWindow, KioskElectron } from './electron-surface';
import type { KioskOptions } from './kiosk-options';
import { isEdgeUrl } from './navigation-policy';

/** setTimeout/clearTimeout, injected so tests step through retries without waiting; globalThis fits. */
export interface KioskTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: never): void;
}

export interface KioskWindowDeps {
  electron: Pick<KioskElectron, 'createWindow'>;
  options: KioskOptions;
  /** absolute paths of the bundled preload script and the offline page */
  preloadPath: string;
  offlinePagePath: string;
  /** true when the edge answers; the kiosk asks before loading so a dead edge shows the offline page, not an error */
  probe: (edgeUrl: string) => Promise<boolean>;
  timers: KioskTimers;
  now: () => number;
  log: (entry: { msg: string; [key: string]: unknown }) => void;
}

export type KioskShowing = 'nothing' | 'edge' | 'offline';

const ERR_ABORTED = -3;
/** a renderer that ran this long without crashing is healthy again: back-off starts over */
const CRASH_QUIET_MS = 120_000;

/**
 * The one full-screen window: the display from the local edge, the offline page
 * (retrying) while the edge is down, a reload after a renderer crash with growing
 * waits while it keeps crashing, and no way to navigate anywhere but the edge.
 */
export class KioskWindow {
  readonly #deps: KioskWindowDeps;
  readonly #edgeOrigin: string;
  #window: KioskBrowserWindow | undefined;
  #retry: unknown;
  #showing: KioskShowing = 'nothing';
  #crashes = 0;
  #lastCrashAt = 0;
  #blockedNavigations = 0;
  #running = false;

  constructor(deps: KioskWindowDeps) {
    this.#deps = deps;
    this.#edgeOrigin = new URL(deps.options.edgeUrl).origin;
  }

  get showing(): KioskShowing {
    return this.#showing;
  }

  get crashes(): number {
    return this.#crashes;
  }

  get blockedNavigations(): number {
    return this.#blockedNavigations;
  }

  get edgeOrigin(): string {
    return this.#edgeOrigin;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const { options } = this.#deps;
    const win = this.#deps.electron.createWindow({
      kiosk: options.kiosk,
      fullscreen: options.kiosk,
      autoHideMenuBar: true,
      backgroundColor: '#101317',
      show: true,
      webPreferences: {
        preload: this.#deps.preloadPath,
        contextIsolation: true,
        nodeIntegration: false,
        sandbox: true,
        webSecurity: true,
      },
    });
    this.#window = win;
    const contents = win.webContents;
    contents.on('will-navigate', (event, url) => {
      if (isEdgeUrl(url, this.#edgeOrigin)) return;
      event.preventDefault();
      this.#blockedNavigations++;
      this.#deps.log({ msg: 'navigation away from the edge blocked', url });
    });
    contents.setWindowOpenHandler(({ url }) => {
      this.#blockedNavigations++;
      this.#deps.log({ msg: 'new window blocked', url });
      return { action: 'deny' };
    });
    contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
      if (!isMainFrame || errorCode === ERR_ABORTED || !isEdgeUrl(validatedURL, this.#edgeOrigin)) return;
      this.#deps.log({ msg: 'edge page failed to load', errorCode, errorDescription });
      void this.#showOffline();
    });
    contents.on('render-process-gone', (_event, details) => this.#rendererGone(details.reason));
    contents.on('unresponsive', () => this.#rendererGone('unresponsive'));
    await this.#showEdge();
  }

  stop(): void {
    this.#running = false;
    this.#cancelRetry();
    if (this.#window && !this.#window.isDestroyed()) this.#window.destroy();
    this.#window = undefined;
    this.#showing = 'nothing';
  }

  /** Loads the edge if it answers, otherwise the offline page and a retry. */
  async #showEdge(): Promise<void> {
    this.#retry = undefined;
    const win = this.#window;
    if (!this.#running || !win || win.isDestroyed()) return;
    const up = await this.#deps.probe(this.#deps.options.edgeUrl).catch((err: unknown) => {
      this.#deps.log({ msg: 'edge probe failed', err: String(err) });
      return false;
    });
    if (!this.#running || win.isDestroyed()) return;
    if (!up) return this.#showOffline();
    this.#showing = 'edge';
    await win.loadURL(this.#deps.options.edgeUrl).catch((err: unknown) => {
      // did-fail-load has switched to the offline page already; this is the same failure seen twice.
      this.#deps.log({ msg: 'loading the edge failed', err: String(err) });
    });
  }

  async #showOffline(): Promise<void> {
    const win = this.#window;
    if (!this.#running || !win || win.isDestroyed()) return;
    const retryS = String(Math.round(this.#deps.options.retryMs / 1000));
    if (this.#showing !== 'offline') {
      this.#showing = 'offline';
      await win
        .loadFile(this.#deps.offlinePagePath, { query: { retryS, edge: this.#deps.options.edgeUrl } })
        .catch((err: unknown) => this.#deps.log({ msg: 'offline page failed to load', err: String(err) }));
    }
    this.#schedule(this.#deps.options.retryMs);
  }

  #rendererGone(reason: string): void {
    if (!this.#running) return;
    const now = this.#deps.now();
    if (now - this.#lastCrashAt > CRASH_QUIET_MS) this.#crashes = 0;
    this.#crashes++;
    this.#lastCrashAt = now;
    const { crashRestartMs, maxCrashRestartMs } = this.#deps.options;
    const wait = Math.min(maxCrashRestartMs, crashRestartMs * 2 ** (this.#crashes - 1));
    this.#deps.log({ msg: 'renderer gone; reloading', reason, crashes: this.#crashes, waitMs: wait });
    this.#showing = 'nothing';
    this.#schedule(wait);
  }

  #cancelRetry(): void {
    if (this.#retry !== undefined) this.#deps.timers.clearTimeout(this.#retry as never);
    this.#retry = undefined;
  }

  #schedule(ms: number): void {
    this.#cancelRetry();
    this.#retry = this.#deps.timers.setTimeout(() => void this.#showEdge(), ms);
  }
}
