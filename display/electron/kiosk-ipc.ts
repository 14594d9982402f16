import { z } from 'zod';
import type { IpcInvokeEvent, KioskElectron } from './electron-surface';
import { KIOSK_CHANNELS } from './kiosk-channels';
import { isEdgeUrl } from './navigation-policy';

export { KIOSK_CHANNELS };

export const KeepScreenOnArgs = z.tuple([z.boolean()]);
export const NoArgs = z.tuple([]);

export class KioskIpcError extends Error {
  readonly code: 'bad_payload' | 'foreign_sender';
  constructor(code: KioskIpcError['code'], message: string) {
    super(message);
    this.name = 'KioskIpcError';
    this.code = code;
  }
}

export interface KioskIpcDeps {
  electron: Pick<KioskElectron, 'ipcMain' | 'powerSaveBlocker' | 'appVersion'>;
  edgeOrigin: string;
  log: (entry: { msg: string; channel: string; code?: string; detail?: string }) => void;
}

/**
 * Answers the preload's two calls: the app version, and keeping the screen awake
 * (a wall display that dims mid-shift is a display nobody reads). Calls from any
 * page but the edge's, or with a payload of the wrong shape, are refused and logged.
 */
export class KioskIpc {
  readonly #deps: KioskIpcDeps;
  #blocker: number | undefined;
  readonly #refused = new Map<string, number>();

  constructor(deps: KioskIpcDeps) {
    this.#deps = deps;
  }

  start(): void {
    const { ipcMain } = this.#deps.electron;
    ipcMain.handle(KIOSK_CHANNELS.appVersion, (event, ...args) =>
      this.#guarded(KIOSK_CHANNELS.appVersion, event, NoArgs, args, () => this.#deps.electron.appVersion()),
    );
    ipcMain.handle(KIOSK_CHANNELS.keepScreenOn, (event, ...args) =>
      this.#guarded(KIOSK_CHANNELS.keepScreenOn, event, KeepScreenOnArgs, args, ([on]) =>
        this.keepScreenOn(on),
      ),
    );
  }

  stop(): void {
    const { ipcMain } = this.#deps.electron;
    for (const channel of Object.values(KIOSK_CHANNELS)) ipcMain.removeHandler(channel);
    this.keepScreenOn(false);
  }

  /** true while a display-sleep blocker is held */
  get screenKeptOn(): boolean {
    return this.#blocker !== undefined && this.#deps.electron.powerSaveBlocker.isStarted(this.#blocker);
  }

  /** refused calls so far, per channel */
  refusedCount(channel: string): number {
    return this.#refused.get(channel) ?? 0;
  }

  keepScreenOn(on: boolean): boolean {
    const blocker = this.#deps.electron.powerSaveBlocker;
    if (on && !this.screenKeptOn) this.#blocker = blocker.start('prevent-display-sleep');
    if (!on && this.#blocker !== undefined) {
      blocker.stop(this.#blocker);
      this.#blocker = undefined;
    }
    return this.screenKeptOn;
  }

  #guarded<S extends z.ZodType, R>(
    channel: string,
    event: IpcInvokeEvent,
    schema: S,
    args: unknown[],
    run: (payload: z.infer<S>) => R,
  ): R {
    const sender = event.senderFrame?.url ?? '';
    if (!isEdgeUrl(sender, this.#deps.edgeOrigin)) {
      throw this.#refuse(
        channel,
        new KioskIpcError('foreign_sender', `${channel} from ${sender || 'unknown'}`),
      );
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      throw this.#refuse(channel, new KioskIpcError('bad_payload', `${channel}: ${parsed.error.message}`));
    }
    return run(parsed.data);
  }

  #refuse(channel: string, err: KioskIpcError): KioskIpcError {
    this.#refused.set(channel, this.refusedCount(channel) + 1);
    this.#deps.log({ msg: 'ipc call refused', channel, code: err.code, detail: err.message });
    return err;
  }
}
