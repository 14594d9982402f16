import type {
  IpcInvokeEvent,
  KioskBrowserWindow,
  KioskElectron,
  KioskWebContents,
  KioskWindowOptions,
  NavigationEvent,
  RenderProcessGoneDetails,
} from '../electron-surface';
import type { KioskTimers } from '../kiosk-window';

type Listener = (...args: never[]) => void;

/** A stand-in for Electron's window at the edge of the world: records what was loaded, lets a test fire events. */
export class FakeWindow implements KioskBrowserWindow {
  readonly loads: string[] = [];
  readonly #listeners = new Map<string, Listener[]>();
  #openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  #destroyed = false;
  #url = '';
  failNextLoad = false;

  constructor(readonly options: KioskWindowOptions) {}

  readonly webContents: KioskWebContents = {
    on: (event: string, listener: Listener) => {
      this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    },
    setWindowOpenHandler: (handler) => {
      this.#openHandler = handler;
    },
    getURL: () => this.#url,
  };

  async loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.#url = url;
    if (this.failNextLoad) {
      this.failNextLoad = false;
      this.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', url, true);
      throw new Error('ERR_CONNECTION_REFUSED');
    }
  }

  async loadFile(path: string, options?: { query?: Record<string, string> }): Promise<void> {
    const query = new URLSearchParams(options?.query ?? {}).toString();
    this.#url = `file://${path}${query ? `?${query}` : ''}`;
    this.loads.push(this.#url);
  }

  get currentUrl(): string {
    return this.#url;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  destroy(): void {
    this.#destroyed = true;
  }

  show(): void {}

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }

  /** Like a click on a link: true when the navigation went ahead. */
  navigate(url: string): boolean {
    let prevented = false;
    const event: NavigationEvent = {
      preventDefault: () => {
        prevented = true;
      },
    };
    this.emit('will-navigate', event, url);
    if (!prevented) this.#url = url;
    return !prevented;
  }

  openWindow(url: string): string | undefined {
    return this.#openHandler?.({ url }).action;
  }

  crash(details: RenderProcessGoneDetails = { reason: 'crashed', exitCode: 139 }): void {
    this.emit('render-process-gone', {}, details);
  }
}

export class FakeElectron implements KioskElectron {
  readonly windows: FakeWindow[] = [];
  readonly handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  readonly #blockers = new Set<number>();
  #nextBlocker = 1;

  createWindow(options: KioskWindowOptions): FakeWindow {
    const win = new FakeWindow(options);
    this.windows.push(win);
    return win;
  }

  readonly ipcMain = {
    handle: (channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown) => {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, listener);
    },
    removeHandler: (channel: string) => {
      this.handlers.delete(channel);
    },
  };

  readonly powerSaveBlocker = {
    start: () => {
      const id = this.#nextBlocker++;
      this.#blockers.add(id);
      return id;
    },
    stop: (id: number) => {
      this.#blockers.delete(id);
    },
    isStarted: (id: number) => this.#blockers.has(id),
  };

  get activeBlockers(): number {
    return this.#blockers.size;
  }

  appVersion(): string {
    return '0.1.0';
  }

  /** What ipcRenderer.invoke from a page at `fromUrl` would get. */
  async invoke(channel: string, fromUrl: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: { url: fromUrl } }, ...args);
  }
}

/** Timers a test fires by hand, in order, to step through retries without waiting. */
export class ManualTimers implements KioskTimers {
  readonly #pending = new Map<number, { fn: () => void; ms: number }>();
  #next = 1;

  setTimeout(fn: () => void, ms: number): number {
    const id = this.#next++;
    this.#pending.set(id, { fn, ms });
    return id;
  }

  clearTimeout(timer: number): void {
    this.#pending.delete(timer);
  }

  get waits(): number[] {
    return [...this.#pending.values()].map((p) => p.ms);
  }

  /** Runs the earliest pending timer; false when there is none. */
  fire(): boolean {
    const first = [...this.#pending.entries()][0];
    if (!first) return false;
    this.#pending.delete(first[0]);
    first[1].fn();
    return true;
  }
}
