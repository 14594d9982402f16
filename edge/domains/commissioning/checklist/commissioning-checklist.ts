import type { CommissioningChecklist } from '../../../../shared/api/commissioning';
import { verifySecret } from '../../../../shared/server/secret-hash';
import type { ChecklistSources } from './checklist-sources';
import { coldPulldownCheck, foodSafetyCheck, reportingCheck, testAlarmsCheck } from './equipment-checks';
import { displayCheck, syncCheck, usersCheck } from './store-checks';

/** PINs a store must not open with: the demo's and the factory habit. */
const KNOWN_PINS = ['1234', '0000'];

/**
 * The commissioning checklist, computed from live data each time it is asked for:
 * nothing here is ticked by hand, so it cannot say "done" for a unit that is not.
 */
export class CommissioningChecklistService {
  readonly #sources: ChecklistSources;
  /** PIN hash → on a known PIN. scrypt is slow on purpose; a hash never changes its answer. */
  readonly #knownPin = new Map<string, boolean>();

  constructor(sources: ChecklistSources) {
    this.#sources = sources;
  }

  checklist(): CommissioningChecklist {
    const s = this.#sources;
    const config = s.config();
    const now = s.now();
    const latest = s.readings.latestAll();
    const items = [
      reportingCheck(config, latest, now),
      coldPulldownCheck(config, latest),
      testAlarmsCheck(config, s.alarms, s.sync, now),
      displayCheck(s.displays.list(), now),
      syncCheck(s.sync(), now),
      usersCheck(config, (hash) => this.#onKnownPin(hash)),
      foodSafetyCheck(config),
    ];
    return {
      storeId: config.store.id,
      checkedAt: now,
      complete: items.every((i) => i.complete),
      items,
    };
  }

  #onKnownPin(hash: string): boolean {
    let known = this.#knownPin.get(hash);
    if (known === undefined) {
      known = KNOWN_PINS.some((pin) => verifySecret(pin, hash));
      this.#knownPin.set(hash, known);
    }
    return known;
  }
}
