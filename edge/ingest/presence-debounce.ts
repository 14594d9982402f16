import type { ConnectionFlapSettings } from '../../shared/config/rules';
import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { EdgeEvents } from '../runtime/event-bus';

export type PresenceCause = EdgeEvents['deviceStatus']['cause'];

/** A presence change to record: the device_status row, its outbox event, the offline rule. */
export interface PresenceReport {
  equipmentId: string;
  online: boolean;
  cause: PresenceCause;
  at: number;
}

export interface PresenceDebounceDeps {
  clock: Clock;
  logger: Logger;
  settings: ConnectionFlapSettings;
  /** A return held until the device settled: record it now. */
  onSettled(report: PresenceReport): void;
}

export interface FlapStats {
  /** Flapping episodes per equipment: one per outage in which the device dropped again while held. */
  episodes: Record<string, number>;
  /** Drops that changed nothing because the device was already held as flapping. */
  heldDrops: number;
}

type Presence =
  | { kind: 'online' }
  | { kind: 'offline'; droppedAt: number; flaps: number }
  | { kind: 'settling'; cause: PresenceCause; timer: TimerHandle; flaps: number }
  /** stopped on purpose (its `shutdown` status): its return is a restart, never a flap */
  | { kind: 'switched_off' };

/**
 * Turns what the broker and the serial links see (every connect, disconnect, Will and
 * status message) into the presence the edge records, so a device whose connection
 * drops and comes back again and again is one problem and not one alarm, one clear and
 * two outbox events per connection.
 *
 * A drop of a device that is online is recorded at once (the offline alarm raises at
 * once). A return more than `windowS` after the drop is recorded at once too: that was
 * an outage, and it is over. A return sooner is held until the device has stayed
 * connected `settleS`; if it drops again meanwhile, nothing is recorded (the alarm
 * stays raised, no re-raise, no event for central) and the episode counts as one flap.
 * A device that said it was shutting down is switched off: the disconnect that follows
 * changes nothing, and its return is recorded at once, however soon it comes.
 */
export class PresenceDebounce {
  readonly #deps: PresenceDebounceDeps;
  readonly #log: Logger;
  readonly #presence = new Map<string, Presence>();
  readonly #episodes = new Map<string, number>();
  #heldDrops = 0;

  constructor(deps: PresenceDebounceDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'presence' });
  }

  /** One raw observation; returns what to record now, or null when it is held or changes nothing. */
  note(equipmentId: string, online: boolean, cause: PresenceCause, at: number): PresenceReport | null {
    const state = this.#presence.get(equipmentId);
    const report = { equipmentId, online, cause, at };
    const shutdown = cause === 'shutdown';
    if (!state) {
      // First word since start: no history to debounce against, and the row decides if it is news.
      this.#presence.set(equipmentId, online ? { kind: 'online' } : this.#dropped(shutdown, at, 0));
      return report;
    }
    switch (state.kind) {
      case 'online':
        if (online) return report; // e.g. the status message after a connect: the row keeps it idempotent
        this.#presence.set(equipmentId, this.#dropped(shutdown, at, 0));
        return report;
      case 'switched_off':
        // Its disconnect (or a Will racing it) after the shutdown status: already recorded.
        if (!online) return null;
        this.#presence.set(equipmentId, { kind: 'online' });
        return report;
      case 'offline':
        if (shutdown) {
          // Said while a held return was pending; the drop is already recorded, the return will not be held.
          this.#presence.set(equipmentId, { kind: 'switched_off' });
          return null;
        }
        if (!online) {
          // A Will and a disconnect for one drop, or a repeated offline status: already recorded.
          state.droppedAt = at;
          return null;
        }
        if (at - state.droppedAt >= this.#deps.settings.windowS * 1000) {
          this.#presence.set(equipmentId, { kind: 'online' });
          return report;
        }
        this.#hold(equipmentId, cause, state.flaps);
        return null;
      case 'settling':
        if (online) return null;
        this.#deps.clock.clearTimeout(state.timer);
        if (shutdown) {
          // Still recorded as offline (its return was held): nothing to record, and no flap.
          this.#presence.set(equipmentId, { kind: 'switched_off' });
          return null;
        }
        this.#heldDrops++;
        if (state.flaps === 0) {
          this.#episodes.set(equipmentId, (this.#episodes.get(equipmentId) ?? 0) + 1);
          this.#log.warn(
            { equipmentId, settleS: this.#deps.settings.settleS },
            'device connection flapping: it stays offline until it has been connected for settleS',
          );
        }
        this.#presence.set(equipmentId, { kind: 'offline', droppedAt: at, flaps: state.flaps + 1 });
        return null;
    }
  }

  stats(): FlapStats {
    return { episodes: Object.fromEntries(this.#episodes), heldDrops: this.#heldDrops };
  }

  /** Forgets held returns (ingest stopping): after a restart every device reports afresh. */
  stop(): void {
    for (const state of this.#presence.values())
      if (state.kind === 'settling') this.#deps.clock.clearTimeout(state.timer);
    this.#presence.clear();
  }

  #dropped(shutdown: boolean, at: number, flaps: number): Presence {
    return shutdown ? { kind: 'switched_off' } : { kind: 'offline', droppedAt: at, flaps };
  }

  #hold(equipmentId: string, cause: PresenceCause, flaps: number): void {
    const timer = this.#deps.clock.setTimeout(() => {
      this.#presence.set(equipmentId, { kind: 'online' });
      if (flaps > 0) this.#log.info({ equipmentId, drops: flaps }, 'flapping device settled: online again');
      this.#deps.onSettled({ equipmentId, online: true, cause, at: this.#deps.clock.now() });
    }, this.#deps.settings.settleS * 1000);
    this.#presence.set(equipmentId, { kind: 'settling', cause, timer, flaps });
  }
}
