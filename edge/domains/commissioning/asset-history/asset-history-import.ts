import Decimal from 'decimal.js';
import {
  type AssetHistoryDocument,
  assetKeyOf,
} from '../../../../shared/asset-history/asset-history-document';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { Database } from '../../../store/database';
import { AssetHistoryError } from './asset-history-errors';
import { ImportedHistoryStore } from './imported-history-store';

export interface ImportOutcome {
  /** False when this very document was imported before: nothing changed. */
  imported: boolean;
  equipmentId: string;
  assetKey: string;
  fromStoreId: string;
  /** Tickets and loose part uses new to this box (a longer export of the same unit adds only these). */
  newTickets: number;
  newPartUses: number;
}

/**
 * Takes a sealed asset history (opened and checked by openAssetHistory) into this store,
 * onto the equipment that is the same unit: the config entry must carry the same serial
 * (or, lacking one, the same asset tag) as the document, so history never lands on the
 * wrong fryer. All of it in one transaction; the same document twice adds nothing.
 */
export function importAssetHistory(
  db: Database,
  config: StoreConfig,
  document: AssetHistoryDocument,
  equipmentId: string,
  now: number,
  by: string,
): ImportOutcome {
  const { body } = document;
  const equipment = config.equipment.find((e) => e.id === equipmentId);
  if (!equipment)
    throw new AssetHistoryError('unknown_equipment', `no equipment "${equipmentId}" in the store config`);
  const here = equipment.asset ?? {};
  const assetKey = assetKeyOf(body.asset) ?? '';
  const sameSerial = here.serial !== undefined && here.serial === body.asset.serial;
  const sameTag =
    here.serial === undefined || body.asset.serial === undefined
      ? here.tag !== undefined && here.tag === body.asset.tag
      : false;
  if (!sameSerial && !sameTag)
    throw new AssetHistoryError(
      'asset_mismatch',
      `equipment "${equipmentId}" is ${describe(here)} here, the history is of ${describe(body.asset)}: set asset.serial in the config to the unit's nameplate serial first`,
    );
  const store = new ImportedHistoryStore(db);
  return db.transaction((): ImportOutcome => {
    const base = { equipmentId, assetKey, fromStoreId: body.fromStoreId };
    if (store.importIdOf(document.sha256) !== undefined)
      return { ...base, imported: false, newTickets: 0, newPartUses: 0 };
    const importId = store.addImport({
      sha256: document.sha256,
      equipmentId,
      assetKey,
      fromStoreId: body.fromStoreId,
      fromEquipmentId: body.fromEquipmentId,
      installDate: body.asset.register.installDate ?? null,
      exportedAt: body.exportedAt,
      importedAt: now,
      importedBy: by,
      documentJson: JSON.stringify(document),
    });
    let newTickets = 0;
    for (const ticket of body.tickets) {
      const added = store.addTicket({
        importId,
        equipmentId,
        fromStoreId: body.fromStoreId,
        sourceTicketId: ticket.id,
        kind: ticket.kind,
        fault: ticket.fault,
        status: ticket.status,
        openedAt: ticket.openedAt,
        resolvedAt: ticket.resolvedAt,
        spend: ticket.spend,
        ticketJson: JSON.stringify(ticket),
      });
      if (added) newTickets++;
    }
    let newPartUses = 0;
    for (const use of body.loosePartUses) {
      const spend =
        use.unitPrice === null
          ? null
          : new Decimal(use.unitPrice)
              .times(use.quantity)
              .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
              .toFixed(2);
      const added = store.addPartUse({
        importId,
        equipmentId,
        fromStoreId: body.fromStoreId,
        sourceMovementId: use.movementId,
        partNumber: use.partNumber,
        at: use.at,
        spend,
      });
      if (added) newPartUses++;
    }
    return { ...base, imported: true, newTickets, newPartUses };
  })();
}

function describe(asset: { serial?: string | undefined; tag?: string | undefined }): string {
  if (asset.serial !== undefined) return `serial ${asset.serial}`;
  if (asset.tag !== undefined) return `asset tag ${asset.tag}`;
  return 'without serial or asset tag';
}
