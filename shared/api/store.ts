import { z } from 'zod';
import { Rule } from '../config/rules';
import { LocalizedText } from '../localized-text';
import { Role } from '../roles';

/**
 * What a display needs to know about its store: the id (for MQTT topics), the name,
 * the time zone every time is shown in, and who may log in by PIN (never the PINs).
 */
export const StoreInfo = z.object({
  id: z.string(),
  name: z.string(),
  localizedName: LocalizedText.optional().describe(
    'the name in each display language, where the config gives it',
  ),
  region: z.string(),
  timezone: z.string(),
  users: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: Role,
      roles: z.array(Role).optional().describe('roles the store config adds to `role`'),
      pinLength: z.number().int().optional(),
    }),
  ),
});
export type StoreInfo = z.infer<typeof StoreInfo>;

/** The rules in force for one piece of equipment, after its own overrides. */
export const EquipmentRules = z.array(Rule);
export type EquipmentRules = z.infer<typeof EquipmentRules>;
