import type { Transaction } from 'kysely';
import { z } from 'zod';
import { LocalizedText } from '../../../shared/localized-text';
import type { ConfigOverlay } from '../../../shared/sync/sync-protocol';
import type { CentralTables } from '../db/schema';

type Trx = Transaction<CentralTables>;

// Lenient on purpose: the edge validates the whole configuration; central only reads names
// out of it, and a section it cannot read must not stop the push.
const PushedEquipmentItem = z.object({
  id: z.string().min(1),
  type: z.string().min(1).optional(),
  name: z.union([z.string().min(1), LocalizedText]).optional(),
});
const PushedTypeProfile = z.object({ label: LocalizedText });

export interface PushedEquipment {
  id: string;
  type: string | null;
  localName: { en: string; 'zh-CN': string } | null;
}

/** Equipment named in a pushed registry, so central knows a store's equipment before it syncs. */
export function equipmentOf(overlay: ConfigOverlay): PushedEquipment[] {
  if (!Array.isArray(overlay.equipment)) return [];
  const found: PushedEquipment[] = [];
  for (const raw of overlay.equipment as unknown[]) {
    const item = PushedEquipmentItem.safeParse(raw);
    if (!item.success) continue;
    const { name } = item.data;
    found.push({
      id: item.data.id,
      type: item.data.type ?? null,
      localName: name === undefined ? null : typeof name === 'string' ? { en: name, 'zh-CN': name } : name,
    });
  }
  return found;
}

/** Labels of the equipment types in a pushed `equipmentTypes` section, by type id. */
export function typeLabelsOf(overlay: ConfigOverlay): Map<string, LocalizedText> {
  const labels = new Map<string, LocalizedText>();
  const section = overlay.equipmentTypes;
  if (typeof section !== 'object' || section === null) return labels;
  for (const [type, profile] of Object.entries(section)) {
    const parsed = PushedTypeProfile.safeParse(profile);
    if (parsed.success) labels.set(type, parsed.data.label);
  }
  return labels;
}

/** Writes the names and type labels a pushed configuration carries into central's equipment rows. */
export async function learnPushedEquipment(trx: Trx, storeId: string, overlay: ConfigOverlay): Promise<void> {
  const labels = typeLabelsOf(overlay);
  for (const item of equipmentOf(overlay)) {
    const typeLabel = item.type === null ? undefined : labels.get(item.type);
    const values = {
      name: item.localName?.en ?? null,
      type: item.type,
      local_name: item.localName === null ? null : JSON.stringify(item.localName),
      ...(typeLabel === undefined ? {} : { type_label: JSON.stringify(typeLabel) }),
    };
    await trx
      .insertInto('equipment')
      .values({ store_id: storeId, equipment_id: item.id, ...values })
      .onConflict((oc) => oc.columns(['store_id', 'equipment_id']).doUpdateSet(values))
      .execute();
  }
  // A push of the types alone relabels the equipment central already knows of those types.
  for (const [type, label] of labels) {
    await trx
      .updateTable('equipment')
      .set({ type_label: JSON.stringify(label) })
      .where('store_id', '=', storeId)
      .where('type', '=', type)
      .execute();
  }
}
