import type { StoreConfig } from '../../shared/config/store-config';
import { EQUIPMENT_REGISTRY_EVENT, equipmentRegistryOf } from '../../shared/sync/equipment-registry';
import type { Database } from '../store/database';
import { OutboxWriter } from './outbox-writer';

/**
 * Tells central what the store's equipment is called (outbox `store.equipment`), at start
 * and after each config change: a change while the box was off reaches central at the
 * next start. Unchanged names are not sent twice in one run.
 */
export class EquipmentAnnouncement {
  readonly #outbox: OutboxWriter;
  #last: string | undefined;

  constructor(db: Database, storeId: string) {
    this.#outbox = new OutboxWriter(db, storeId);
  }

  announce(config: StoreConfig, at: number): boolean {
    const payload = equipmentRegistryOf(config);
    const json = JSON.stringify(payload);
    if (json === this.#last) return false;
    this.#outbox.append({ type: EQUIPMENT_REGISTRY_EVENT, entityId: config.store.id, ts: at, payload });
    this.#last = json;
    return true;
  }
}
