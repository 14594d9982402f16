import { sql, type Transaction } from 'kysely';
import { assetKeyOf } from '../../../shared/asset-history/asset-history-document';
import type { EquipmentRegistryPayload } from '../../../shared/sync/equipment-registry';
import type { CentralTables } from '../db/schema';

type Trx = Transaction<CentralTables>;

interface StoreList {
  storeId: string;
  seq: number;
  ts: number;
  keys: { assetKey: string; equipmentId: string }[];
}

/**
 * Where each unit stands, from the stores' equipment lists (`store.equipment`): a unit a
 * list names by serial (or asset tag) is placed in that store from the first list that
 * names it; a later list of the same store without it ends the stay. Every list counts, in
 * seq order (a unit may come and go within one group of batches; lists are rare), and a row
 * is only moved by a later seq, so a repeated or late delivery never undoes a move.
 */
export class AssetPlacementProjection {
  readonly #lists: StoreList[] = [];

  add(storeId: string, seq: number, ts: number, registry: EquipmentRegistryPayload): void {
    const keys: StoreList['keys'] = [];
    for (const item of registry.equipment) {
      const assetKey = assetKeyOf({ serial: item.assetSerial, tag: item.assetTag });
      if (assetKey !== undefined) keys.push({ assetKey, equipmentId: item.id });
    }
    this.#lists.push({ storeId, seq, ts, keys });
  }

  async apply(trx: Trx): Promise<void> {
    const ordered = [...this.#lists].sort((a, b) => a.storeId.localeCompare(b.storeId) || a.seq - b.seq);
    for (const list of ordered) {
      const { storeId } = list;
      if (list.keys.length > 0) {
        const rows = list.keys.map(
          (k) => sql`(${k.assetKey}, ${storeId}, ${k.equipmentId}, ${list.ts}, ${null}, ${list.seq})`,
        );
        await sql`
          insert into asset_placements (asset_key, store_id, equipment_id, since, until, last_seq)
          values ${sql.join(rows)}
          on conflict (asset_key, store_id, equipment_id) do update set
            until = null, last_seq = excluded.last_seq
          where asset_placements.last_seq < excluded.last_seq`.execute(trx);
      }
      // Listed before, not in this newer list: the unit left the store when this list was made.
      await sql`
        update asset_placements set until = ${list.ts}, last_seq = ${list.seq}
        where store_id = ${storeId} and until is null and last_seq < ${list.seq}`.execute(trx);
    }
  }
}
