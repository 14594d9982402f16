import type { CommissioningChecklist } from '../../../../shared/api/commissioning';
import { verifySecret, verifySecretAsync } from '../../../../shared/server/secret-hash';
import type { ChecklistSources } from './checklist-sources';
import { coldPulldownCheck, foodSafetyCheck, reportingCheck, testAlarmsCheck } from './equipment-checks';
import { displayCheck, syncCheck, usersCheck } from './store-checks';

/** PINs a store must not open with: the demo's and the factory habit. */
const KNOWN_PINS = ['1234', '0000'];

/**
 * PIN hash → on a known PIN, for every checklist of the process: scrypt is slow on purpose
 * (tens of ms a try), and a hash never changes its answer.
 */
const knownPinByHash = new Map<string, boolean>();

/** Checks the users' hashes off the event loop (scrypt in libuv's pool), before anyone asks. */
async function learnKnownPins(hashes: readonly string[]): Promise<void> {
  for (const hash of hashes) {
    if (knownPinByHash.has(hash)) continue;
    let known = false;
    for (const pin of KNOWN_PINS) if (await verifySecretAsync(pin, hash).catch(() => false)) known = true;
    knownPinByHash.set(hash, known);
  }
}

/**
 * The commissioning checklist, computed from live data each time it is asked for:
 * nothing here is ticked by hand, so it cannot say "done" for a unit that is not.
 */
export class CommissioningChecklistService {
  readonly #sources: ChecklistSources;
  constructor(sources: ChecklistSources) {
    this.#sources = sources;
    // Without this the first checklist (or handover report) would hash every PIN on the
    // event loop: more than half a second with the demo's users, /healthz waiting behind it.
    // Once the caller has finished wiring (its config may not be readable yet).
    setImmediate(() => {
      try {
        void learnKnownPins(sources.config().users.map((u) => u.pinHash));
      } catch {
        // No config to read yet: the first checklist asks for the hashes itself.
      }
    });
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
    let known = knownPinByHash.get(hash);
    if (known === undefined) {
      // A user added by a reload since start: answer now, and learn the rest in the background.
      known = KNOWN_PINS.some((pin) => verifySecret(pin, hash));
      knownPinByHash.set(hash, known);
      void learnKnownPins(this.#sources.config().users.map((u) => u.pinHash));
    }
    return known;
  }
}
