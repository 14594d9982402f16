import type { Logger } from '../../../shared/server/runtime/logger';

/**
 * Alerts kept from the region because the store is not open (STATE_ALLOWS.regionalAlerts):
 * a store being commissioned raises test alarms on purpose, and a closed-for-works one
 * is nobody's emergency. Counted, and logged once per store and state so a store raising
 * hundreds of test alarms writes one line, and a second line only when it moves on.
 */
export class QuietStoreAlerts {
  /** critical alarms and escalations not sent to any webhook since start */
  skipped = 0;
  readonly #logged = new Set<string>();

  constructor(private readonly log: Logger) {}

  note(store: { id: string; state: string }): void {
    this.skipped++;
    const key = `${store.id}\u0000${store.state}`;
    if (this.#logged.has(key)) return;
    this.#logged.add(key);
    this.log.info(
      { storeId: store.id, state: store.state },
      'store is not open: its critical alarms reach no webhook until it opens',
    );
  }
}
