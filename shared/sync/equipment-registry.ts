import { z } from 'zod';
import type { StoreConfig } from '../config/store-config';
import { LocalizedText } from '../localized-text';

/**
 * `store.equipment`: the store's equipment as its config names it, sent by the edge at
 * start and whenever its config changes, so the region reads "Fryer 2 / 炸炉 2" instead of
 * `fryer-2` without a config ever having been pushed from central.
 */
export const EquipmentRegistryPayload = z.object({
  equipment: z
    .array(
      z.object({
        id: z.string().min(1),
        type: z.string().min(1),
        name: LocalizedText,
        typeLabel: LocalizedText.optional(),
        /** The unit's nameplate serial / asset tag (asset.serial, asset.tag): central follows it across stores. */
        assetSerial: z.string().min(1).max(64).optional(),
        assetTag: z.string().min(1).max(64).optional(),
      }),
    )
    .max(10_000),
});
export type EquipmentRegistryPayload = z.infer<typeof EquipmentRegistryPayload>;

export const EQUIPMENT_REGISTRY_EVENT = 'store.equipment';

export function equipmentRegistryOf(config: StoreConfig): EquipmentRegistryPayload {
  return {
    equipment: config.equipment.map((e) => {
      const label = config.equipmentTypes[e.type]?.label;
      return {
        id: e.id,
        type: e.type,
        name: e.name,
        ...(label ? { typeLabel: label } : {}),
        ...(e.asset?.serial === undefined ? {} : { assetSerial: e.asset.serial }),
        ...(e.asset?.tag === undefined ? {} : { assetTag: e.asset.tag }),
      };
    }),
  };
}
