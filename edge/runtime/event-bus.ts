import { EventEmitter } from 'node:events';
import type { DeviceStatusCause, ReadingValue } from '../../shared/device-messages';
import { faults } from '../../shared/server/runtime/fault-containment';

/** Everything edge modules tell each other, keyed by event name so a wrong payload does not compile. */
export interface EdgeEvents {
  /** Readings durably committed to SQLite (after the transaction, in commit order). */
  readingsCommitted: { equipmentId: string; ts: number; readings: Record<string, ReadingValue> }[];
  deviceStatus: {
    equipmentId: string;
    online: boolean;
    ts: number;
    cause: DeviceStatusCause;
  };
  deviceEvent: { equipmentId: string; ts: number; code: string; message?: string | undefined };
}

export class EventBus {
  readonly #emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.#emitter.setMaxListeners(100);
  }

  emit<K extends keyof EdgeEvents>(event: K, payload: EdgeEvents[K]): void {
    this.#emitter.emit(event, payload);
  }

  /**
   * A listener that throws is contained: it must neither stop the other listeners
   * nor surface in the emitter (a broker hook or a commit callback).
   */
  on<K extends keyof EdgeEvents>(event: K, listener: (payload: EdgeEvents[K]) => void): () => void {
    const guarded = faults.guard('bus_listener', `${event} listener`, listener);
    this.#emitter.on(event, guarded);
    return () => this.#emitter.off(event, guarded);
  }
}
