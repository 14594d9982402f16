import { z } from 'zod';
import { AlarmView } from '../api/alarms';
import { TicketView } from '../api/tickets';
import { Severity } from '../config/rules';
import { SlugId, StoreId } from '../ids';
import { LocalizedText } from '../localized-text';
import { ConfigApplyReport, ConfigOverlay } from '../sync/sync-protocol';
import { EquipmentLabel, LatestReadings, RegionalFilter, TicketStatusFilter } from './insight-api';
import { StoreLifecycle, StoreLifecycleState } from './store-lifecycle';

/**
 * The central service's HTTP API (`galley central`), under `/api`. Every route except
 * login needs `Authorization: Bearer <token>` from `POST /api/session`; the sync routes
 * (shared/sync/sync-protocol.ts) take a store token instead.
 *
 * Scope: admin sees everything; a regional manager sees the stores of their region; a
 * technician sees the stores they are assigned to. A store outside the caller's scope
 * answers 404 `not_found`, exactly like a store that does not exist, so ids cannot be
 * probed. Admin routes answer 403 `forbidden` to everyone else. Errors are the edge's
 * ApiError body `{"error","message","issues"?}`.
 */
export const CENTRAL_ROUTES = {
  session: '/api/session',
  me: '/api/me',
  regions: '/api/regions',
  stores: '/api/stores',
  store: '/api/stores/:storeId',
  alarms: '/api/alarms',
  alarmEpisodes: '/api/alarms/episodes',
  tickets: '/api/tickets',
  equipmentReadings: '/api/stores/:storeId/equipment/:equipmentId/readings',
  maintenanceMetrics: '/api/maintenance/metrics',
  maintenanceWorkOrders: '/api/maintenance/work-orders',
  maintenancePurchases: '/api/maintenance/purchases',
  speedOfService: '/api/regional/speed-of-service',
  adminRegions: '/api/admin/regions',
  adminStores: '/api/admin/stores',
  adminStoreTokens: '/api/admin/stores/:storeId/tokens',
  adminToken: '/api/admin/tokens/:tokenId',
  adminStoreConfig: '/api/admin/stores/:storeId/config',
  adminUsers: '/api/admin/users',
  adminWebhooks: '/api/admin/webhooks',
  adminWebhook: '/api/admin/webhooks/:webhookId',
  adminWebhookDeliveries: '/api/admin/webhooks/deliveries',
} as const;

/** Path of a route with its `:param`s filled in, for clients. */
export function centralPath(route: string, params: Record<string, string | number> = {}): string {
  return route.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
}

export const CentralRole = z.enum([
  'admin',
  'regional_manager',
  'technician',
  // Approval levels above the store (shared/purchasing/approval-config.ts); finance without a region is head office's.
  'regional_purchaser',
  'finance',
]);
export type CentralRole = z.infer<typeof CentralRole>;

export const RegionId = SlugId;
export const Username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'use 1–64 of a-z, 0-9, ".", "-" and "_", starting with a letter or digit',
  );

// ── session ─────────────────────────────────────────────────────────────────────

export const CentralLoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type CentralLoginRequest = z.infer<typeof CentralLoginRequest>;

/** Who the caller is and what they may see. */
export const CentralMe = z.object({
  username: z.string(),
  role: CentralRole,
  regionId: RegionId.nullable().describe('regional managers: their region'),
  storeIds: z.array(StoreId).describe('technicians: the stores they are assigned to'),
});
export type CentralMe = z.infer<typeof CentralMe>;

export const CentralSession = CentralMe.extend({
  token: z.string(),
  expiresAt: z.number().int(),
});
export type CentralSession = z.infer<typeof CentralSession>;

// ── read routes (scoped) ────────────────────────────────────────────────────────

export const Region = z.object({ id: RegionId, name: z.string() });
export type Region = z.infer<typeof Region>;
export const RegionList = z.array(Region);

export const SeverityCounts = z.object({
  critical: z.number().int(),
  warning: z.number().int(),
  info: z.number().int(),
});
export type SeverityCounts = z.infer<typeof SeverityCounts>;

export const StoreConfigState = z.object({
  latestVersion: z.number().int().nullable().describe('newest version central holds for the store'),
  appliedVersion: z.number().int().nullable().describe('newest version the edge reported as applied'),
  lastReport: ConfigApplyReport.nullable(),
});
export type StoreConfigState = z.infer<typeof StoreConfigState>;

export const StoreState = z.object({
  id: StoreId,
  name: z.string(),
  regionId: RegionId,
  regionName: z.string(),
  activeAlarms: SeverityCounts.describe('alarms not yet cleared, by severity'),
  openTickets: z.number().int(),
  oldestOpenTicketAgeS: z.number().nullable(),
  lastHeardAt: z.number().int().nullable().describe('when central last received a batch from the store'),
  silentForMs: z.number().int().nullable().describe('now − lastHeardAt; null if never heard'),
  syncLagMs: z
    .number()
    .int()
    .nullable()
    .describe('in the last batch: receipt time − time of its oldest event (how late changes arrive)'),
  highestSeq: z.number().int(),
  droppedRollups: z.number().int(),
  equipment: z.object({ total: z.number().int(), offline: z.number().int() }),
  config: StoreConfigState,
  lifecycle: StoreLifecycle.optional().describe(
    "the store's lifecycle state and since when (always sent by this central; absent from older ones)",
  ),
});
export type StoreState = z.infer<typeof StoreState>;
export const StoreStateList = z.array(StoreState);

export const StoreParams = z.object({ storeId: StoreId });
export type StoreParams = z.infer<typeof StoreParams>;

export const CentralEquipment = z.object({
  equipmentId: z.string(),
  name: z.string().nullable().describe('English name; `localName` has both languages'),
  type: z.string().nullable(),
  localName: LocalizedText.nullable().describe(
    "as the store's configuration names it (sent by the store, or pushed from central)",
  ),
  typeLabel: LocalizedText.nullable(),
  online: z.boolean().nullable().describe('null until the store reported a status'),
  statusChangedAt: z.number().int().nullable(),
  activeAlarms: z.number().int(),
  latest: LatestReadings.nullable().describe('the newest synced minute of readings (rollup.minute)'),
});
export type CentralEquipment = z.infer<typeof CentralEquipment>;

/** A ticket as central keeps it: the edge's TicketView without the telemetry snapshot. */
export const CentralTicket = TicketView.omit({ snapshot: true });
export type CentralTicket = z.infer<typeof CentralTicket>;

export const OpenTicket = z.object({
  storeId: StoreId,
  storeName: z.string(),
  regionId: RegionId,
  regionName: z.string(),
  equipment: EquipmentLabel,
  ageS: z.number().describe('seconds since the ticket was opened'),
  ticket: CentralTicket,
});
export type OpenTicket = z.infer<typeof OpenTicket>;
export const OpenTicketList = z.array(OpenTicket);

export const TicketsQuery = RegionalFilter.extend({
  status: TicketStatusFilter.default('open').describe('open: not yet verified or closed; all: history too'),
  limit: z.coerce.number().int().min(1).max(2000).default(200),
});
export type TicketsQuery = z.infer<typeof TicketsQuery>;

export const ConfigVersionInfo = z.object({
  storeId: StoreId,
  version: z.number().int(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  overlay: ConfigOverlay,
  report: ConfigApplyReport.nullable().describe('what the edge said about this version, if anything'),
});
export type ConfigVersionInfo = z.infer<typeof ConfigVersionInfo>;
export const ConfigVersionList = z.array(ConfigVersionInfo);

export const StoreDetail = z.object({
  state: StoreState,
  equipment: z.array(CentralEquipment),
  activeAlarms: z.array(AlarmView),
  openTickets: OpenTicketList,
  configVersions: ConfigVersionList.describe('newest first, at most 20'),
});
export type StoreDetail = z.infer<typeof StoreDetail>;

/** One alarm change as it reached central; `id` is the feed cursor (grows with every change). */
export const AlarmFeedEntry = z.object({
  id: z.number().int(),
  storeId: StoreId,
  storeName: z.string(),
  regionId: RegionId,
  regionName: z.string(),
  equipment: EquipmentLabel,
  change: z.string().describe('raised, reraised, cleared, acked, notified, escalated'),
  at: z.number().int().describe('when it happened at the store'),
  receivedAt: z.number().int(),
  alarm: AlarmView,
  storeState: StoreLifecycleState.optional().describe(
    "the store's lifecycle state now: only an open store's new critical alarms call for attention",
  ),
});
export type AlarmFeedEntry = z.infer<typeof AlarmFeedEntry>;

/** The longest a long poll of the alarm feed is held: below every proxy's idle timeout (HAProxy's is 60 s). */
export const ALARM_FEED_MAX_WAIT_S = 30;

export const AlarmFeedQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('only changes newer than this cursor (polling)'),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('only changes older than this cursor (paging back)'),
  storeId: StoreId.optional(),
  severity: Severity.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  wait: z.coerce
    .number()
    .int('wait is a whole number of seconds')
    .min(0, 'wait is at least 0 seconds')
    .max(ALARM_FEED_MAX_WAIT_S, `wait is at most ${ALARM_FEED_MAX_WAIT_S} seconds`)
    .default(0)
    .describe(
      'long poll, with `after`: when nothing newer is there yet, hold the answer up to this many ' +
        'seconds until a change arrives, else answer an empty page (poll on with its cursor); 0 answers at once',
    ),
});
export type AlarmFeedQuery = z.infer<typeof AlarmFeedQuery>;

export const AlarmFeed = z.object({
  entries: z.array(AlarmFeedEntry).describe('newest first'),
  cursor: z.number().int().describe('pass as `after` to poll for newer changes'),
});
export type AlarmFeed = z.infer<typeof AlarmFeed>;

// ── admin ───────────────────────────────────────────────────────────────────────

export const CreateRegionRequest = z.object({ id: RegionId, name: z.string().min(1).max(200) });
export type CreateRegionRequest = z.infer<typeof CreateRegionRequest>;

export const CreateStoreRequest = z.object({
  id: StoreId,
  name: z.string().min(1).max(200).optional().describe('defaults to the id'),
  regionId: RegionId.describe('created with the id as name if it does not exist'),
  state: StoreLifecycleState.optional().describe('lifecycle state to start in; planned when not given'),
});
export type CreateStoreRequest = z.infer<typeof CreateStoreRequest>;

export const StoreTokenInfo = z.object({
  tokenId: z.string(),
  storeId: StoreId,
  createdAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
  lastUsedAt: z.number().int().nullable(),
});
export type StoreTokenInfo = z.infer<typeof StoreTokenInfo>;
export const StoreTokenList = z.array(StoreTokenInfo);

export const IssuedStoreToken = StoreTokenInfo.extend({
  token: z.string().describe('`gst_<tokenId>.<secret>`: shown once, only its hash is kept'),
});
export type IssuedStoreToken = z.infer<typeof IssuedStoreToken>;

export const TokenParams = z.object({ tokenId: z.string().min(1).max(64) });

export const PushConfigRequest = z.object({ overlay: ConfigOverlay });
export type PushConfigRequest = z.infer<typeof PushConfigRequest>;

export const CreateUserRequest = z
  .object({
    username: Username,
    password: z.string().min(8).max(256),
    role: CentralRole,
    regionId: RegionId.optional().describe('required for regional_manager'),
    storeIds: z.array(StoreId).default([]).describe('technicians: assigned stores'),
  })
  .refine((u) => !['regional_manager', 'regional_purchaser'].includes(u.role) || u.regionId !== undefined, {
    message: 'a regional manager or purchaser needs a regionId',
    path: ['regionId'],
  });
export type CreateUserRequest = z.input<typeof CreateUserRequest>;

export const CentralUser = CentralMe.extend({ createdAt: z.number().int() });
export type CentralUser = z.infer<typeof CentralUser>;
export const CentralUserList = z.array(CentralUser);

export const WebhookFlavour = z.enum(['wecom', 'dingtalk', 'slack']);
export type WebhookFlavour = z.infer<typeof WebhookFlavour>;

export const CreateWebhookRequest = z.object({
  regionId: RegionId,
  flavour: WebhookFlavour,
  url: z.url({ protocol: /^https?$/ }),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const Webhook = CreateWebhookRequest.extend({
  id: z.number().int(),
  createdAt: z.number().int(),
});
export type Webhook = z.infer<typeof Webhook>;
export const WebhookList = z.array(Webhook);
export const WebhookParams = z.object({ webhookId: z.coerce.number().int().positive() });

export const WebhookDelivery = z.object({
  id: z.number().int(),
  webhookId: z.number().int(),
  storeId: StoreId,
  reason: z.enum(['critical_alarm', 'escalation']),
  alarmId: z.number().int(),
  status: z.enum(['pending', 'delivered', 'failed']).describe('failed: gave up after the last attempt'),
  attempts: z.number().int(),
  nextAttemptAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  deliveredAt: z.number().int().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryList = z.array(WebhookDelivery);

export const DeliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeliveriesQuery = z.infer<typeof DeliveriesQuery>;

export const Ok = z.object({ ok: z.literal(true) });
