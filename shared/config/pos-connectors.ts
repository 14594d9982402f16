import { z } from 'zod';
import { OrderChannel } from '../api/orders';
import { SlugId } from '../ids';

/** The name of an environment variable: secrets are read from it, never written in the YAML. */
const EnvName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'an environment variable name, e.g. GALLEY_SQUARE_KEY');

/** An integration client of the store config (`integrations[].username`): the feed's events count against it. */
const ClientName = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'an integrations[].username');

/**
 * Which menu item a POS's own id stands for. The POS keeps its catalog and we keep
 * our menu: this table is the one place they meet, so a renamed POS button does not
 * silently send the wrong thing to the grill.
 */
export const CatalogMapping = z.strictObject({
  items: z.record(z.string().min(1), SlugId).describe('POS catalog id → menu item id'),
  modifiers: z.record(z.string().min(1), SlugId).default({}).describe('POS modifier id → menu modifier id'),
  ignore: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'POS ids (or names) that never reach the kitchen: drinks, gift cards; anything else unmapped is refused',
    ),
});
export type CatalogMapping = z.infer<typeof CatalogMapping>;

export const SquareConnectorSettings = z.strictObject({
  integrationClient: ClientName,
  signatureKeyEnv: EnvName.describe(
    "the variable holding the webhook subscription's signature key: the HMAC needs the key itself, so it cannot be stored hashed",
  ),
  notificationUrl: z
    .url()
    .describe('the URL exactly as registered with Square: it is part of what Square signs'),
  retrieveBaseUrl: z
    .url()
    .default('https://connect.squareup.com')
    .describe(
      'where `GET /v2/orders/{id}` is asked; Square itself is on the internet, so a real feed needs the WAN for this step',
    ),
  accessTokenEnv: EnvName.optional().describe('the variable holding the bearer token for the retrieve call'),
  retrieveTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  catalog: CatalogMapping,
});
export type SquareConnectorSettings = z.infer<typeof SquareConnectorSettings>;

/** Dining options as Toast spells them by default; a restaurant may name its own. */
const DEFAULT_DINING_OPTIONS: Record<string, OrderChannel> = {
  'Dine In': 'dine_in',
  'Take Out': 'takeaway',
  Takeout: 'takeaway',
  'To Go': 'takeaway',
  Delivery: 'delivery',
};

export const ToastExportSettings = z.strictObject({
  integrationClient: ClientName,
  catalog: CatalogMapping.describe('keys are a Toast `Master Id` or, failing that, the `Menu Item` name'),
  diningOptions: z
    .record(z.string().min(1), OrderChannel)
    .default(DEFAULT_DINING_OPTIONS)
    .describe('Toast `Dining Option` → channel; an unknown one is dine-in'),
});
export type ToastExportSettings = z.infer<typeof ToastExportSettings>;

/**
 * Where menu availability goes when it changes (an item 86'd or back): one delivery per
 * item change, retried until the receiver answers 2xx, each with a stable idempotency key.
 * `generic` is Galley's own body (AvailabilityChange, shared/api/menu.ts); `square` and
 * `toast` are shaped like those POS's own stock updates, with the item's id in that POS.
 */
export const AvailabilityWebhook = z.strictObject({
  id: SlugId,
  url: z.url(),
  shape: z.enum(['generic', 'square', 'toast']).default('generic'),
  tokenEnv: EnvName.optional().describe('the variable holding a bearer token for the receiver'),
  locationId: z
    .string()
    .max(128)
    .optional()
    .describe('the store in the receiving POS: Square location id, Toast restaurant external id'),
  items: z
    .record(SlugId, z.string().min(1).max(128))
    .default({})
    .describe("menu item id → the item's id in that POS (square, toast); generic sends menu ids"),
});
export type AvailabilityWebhook = z.infer<typeof AvailabilityWebhook>;

export const PosConnectorSettings = z
  .strictObject({
    square: SquareConnectorSettings.optional(),
    toastExport: ToastExportSettings.optional(),
    availabilityWebhooks: z.array(AvailabilityWebhook).default([]),
  })
  .default({ availabilityWebhooks: [] });
export type PosConnectorSettings = z.infer<typeof PosConnectorSettings>;

/**
 * Mapping targets that are not on the menu, with their config path, for the store
 * config's cross-checks (a mapping to a deleted item would refuse every order with it).
 */
export function posConnectorMenuIssues(
  settings: PosConnectorSettings,
  menu: { items: ReadonlySet<string>; modifiers: ReadonlySet<string> },
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const check = (connector: 'square' | 'toastExport', catalog: CatalogMapping) => {
    for (const [posId, item] of Object.entries(catalog.items))
      if (!menu.items.has(item))
        issues.push({
          path: [connector, 'catalog', 'items', posId],
          message: `"${item}" is not on the menu`,
        });
    for (const [posId, modifier] of Object.entries(catalog.modifiers))
      if (!menu.modifiers.has(modifier))
        issues.push({
          path: [connector, 'catalog', 'modifiers', posId],
          message: `"${modifier}" is not a menu modifier`,
        });
  };
  if (settings.square) check('square', settings.square.catalog);
  if (settings.toastExport) check('toastExport', settings.toastExport.catalog);
  return issues;
}
