import { z } from 'zod';
import { SlugId, StoreId } from '../ids';
import { PredictiveConfig } from '../predictive/predictive-config';
import { Equipment } from './equipment';
import { EquipmentTypeProfile } from './equipment-profile';
import { crossCheckFoodSafety, FoodSafetySettings } from './food-safety';
import { IntegrationClient } from './integrations';
import { crossCheckKitchen, KitchenSettings } from './kitchen';
import { BrokerLimits, StorageSettings } from './limits';
import { LocalizedText } from './localized-text';
import { crossCheckMaintenance, MaintenanceSettings } from './maintenance';
import { crossCheckParts, SpareParts } from './parts';
import { PosConnectorSettings, posConnectorMenuIssues } from './pos-connectors';
import { PurchasingSettings } from './purchasing';
import { AlarmSettings } from './rules';
import { crossCheckRules } from './rules-cross-check';
import { crossCheckStock, StockSettings } from './stock';
import { SyncSettings } from './sync-settings';
import { crossCheckTechnicians, Technicians } from './technicians';
import { TlsSettings } from './tls';
import { StoreUser } from './users';

/** MQTT usernames of the edge's internal clients (the kitchen display logs in as `display`). */
export const RESERVED_USERNAMES: readonly string[] = ['display'];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const StoreInfo = z.strictObject({
  id: StoreId,
  name: z.string().min(1),
  localizedName: LocalizedText.optional().describe(
    "the name in each language the display speaks, shown in the viewer's language; `name` stays the one name for logs and central",
  ),
  region: SlugId,
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone such as Asia/Shanghai'),
});
export type StoreInfo = z.infer<typeof StoreInfo>;

const StoreConfigShape = z.strictObject({
  store: StoreInfo,
  equipmentTypes: z.record(SlugId, EquipmentTypeProfile),
  equipment: z.array(Equipment).min(1),
  users: z.array(StoreUser).default([]),
  integrations: z.array(IntegrationClient).default([]),
  limits: BrokerLimits,
  storage: StorageSettings,
  alarms: AlarmSettings,
  sync: SyncSettings,
  tls: TlsSettings,
  maintenance: MaintenanceSettings,
  technicians: Technicians,
  parts: SpareParts,
  kitchen: KitchenSettings,
  posConnectors: PosConnectorSettings,
  stock: StockSettings,
  foodSafety: FoodSafetySettings,
  purchasing: PurchasingSettings,
  predictive: PredictiveConfig.optional().describe('omitted: the defaults (cold boxes and fryers watched)'),
});

/**
 * The whole store configuration. Cross-references are checked here so that one
 * parse reports every problem, each with its path.
 */
export const StoreConfig = StoreConfigShape.superRefine(
  (parsed, ctx) => {
    // Runs even when fields failed to parse (so all problems come at once): guard every access.
    if (!isObject(parsed)) return; // an empty file: nothing to cross-check
    const config = {
      equipment: Array.isArray(parsed.equipment) ? parsed.equipment.filter(isObject) : [],
      equipmentTypes: isObject(parsed.equipmentTypes) ? parsed.equipmentTypes : {},
      users: Array.isArray(parsed.users) ? parsed.users.filter(isObject) : [],
      integrations: Array.isArray(parsed.integrations) ? parsed.integrations.filter(isObject) : [],
    };
    crossCheck(config, ctx);
    crossCheckMaintenance(config, isObject(parsed.maintenance) ? parsed.maintenance.plans : [], ctx);
    crossCheckTechnicians(config, parsed.technicians, ctx);
    crossCheckParts(config, parsed.parts, ctx);
    crossCheckKitchen(parsed.kitchen, ctx);
    crossCheckStock(parsed.stock, parsed.kitchen, ctx);
    crossCheckFoodSafety(parsed.foodSafety, config, ctx);
    if (isObject(parsed.posConnectors) && isObject(parsed.kitchen)) {
      const kitchen = parsed.kitchen;
      const ids = (list: unknown) =>
        new Set(
          Array.isArray(list) ? list.filter(isObject).map((entry: { id?: unknown }) => String(entry.id)) : [],
        );
      const menu = { items: ids(kitchen.menu), modifiers: ids(kitchen.modifiers) };
      for (const issue of posConnectorMenuIssues(parsed.posConnectors, menu)) {
        ctx.addIssue({ code: 'custom', path: ['posConnectors', ...issue.path], message: issue.message });
      }
    }
  },
  { when: () => true },
);
export type StoreConfig = z.infer<typeof StoreConfig>;
export type StoreConfigInput = z.input<typeof StoreConfig>;

function isObject<T>(value: T): value is T & object {
  return typeof value === 'object' && value !== null;
}

type CrossCheckInput = Pick<
  z.infer<typeof StoreConfigShape>,
  'equipment' | 'equipmentTypes' | 'users' | 'integrations'
>;

function crossCheck(config: CrossCheckInput, ctx: z.RefinementCtx): void {
  const seenEquipment = new Set<string>();
  config.equipment.forEach((equipment, i) => {
    if (RESERVED_USERNAMES.includes(equipment.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['equipment', i, 'id'],
        message: `"${equipment.id}" is reserved for the edge's own MQTT clients`,
      });
    }
    if (seenEquipment.has(equipment.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['equipment', i, 'id'],
        message: `duplicate equipment id "${equipment.id}"`,
      });
    }
    seenEquipment.add(equipment.id);
    if (typeof equipment.type === 'string' && !config.equipmentTypes[equipment.type]) {
      ctx.addIssue({
        code: 'custom',
        path: ['equipment', i, 'type'],
        message: `unknown equipment type "${equipment.type}"; known: ${Object.keys(config.equipmentTypes).join(', ')}`,
      });
    }
    if (equipment.protocol !== 'mqtt' && !equipment.serial) {
      ctx.addIssue({
        code: 'custom',
        path: ['equipment', i, 'serial'],
        message: `protocol ${equipment.protocol} needs a serial link (path, baudRate)`,
      });
    }
  });
  for (const [typeId, profile] of Object.entries(config.equipmentTypes)) {
    if (isObject(profile) && profile.keyMetric && !profile.metrics?.[profile.keyMetric]) {
      ctx.addIssue({
        code: 'custom',
        path: ['equipmentTypes', typeId, 'keyMetric'],
        message: `key metric "${profile.keyMetric}" is not among the type's metrics`,
      });
    }
  }
  const seenUsers = new Set<string>();
  config.users.forEach((user, i) => {
    if (seenUsers.has(user.id)) {
      ctx.addIssue({ code: 'custom', path: ['users', i, 'id'], message: `duplicate user id "${user.id}"` });
    }
    seenUsers.add(user.id);
  });
  const seenIntegrations = new Set<string>();
  config.integrations.forEach((client, i) => {
    if (
      seenEquipment.has(client.username) ||
      seenIntegrations.has(client.username) ||
      RESERVED_USERNAMES.includes(client.username)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['integrations', i, 'username'],
        message: `username "${client.username}" is already an equipment id or another integration`,
      });
    }
    seenIntegrations.add(client.username);
  });
  crossCheckRules(config, ctx);
}

/** One line per problem, `path: message`, for logs and the CLI. */
export function describeConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
}
