import { z } from 'zod';
import { StoreId } from '../ids';

/**
 * The store-and-forward protocol between an edge box and the central service.
 * Every change the edge makes that central must see is an outbox event with a
 * per-store sequence number; the edge posts them in batches and central stores each
 * (storeId, seq) at most once, so a batch delivered twice, or partly, changes nothing
 * the second time.
 */
export const SYNC_ROUTES = {
  /** POST a SyncBatch (JSON, optionally `Content-Encoding: gzip`) → SyncBatchAck. */
  batches: '/api/sync/batches',
  /** GET `?after=VERSION` → 200 PushedConfig when central holds a newer one, else 204. */
  config: '/api/sync/config',
  /** POST a ConfigApplyReport: the version the edge applied or rejected, with reasons. */
  configReport: '/api/sync/config/report',
} as const;

/**
 * What the edge and central mean by the protocol; bumped when that changes. Events the
 * edge set aside under one version are offered again once it runs another (2: central
 * names the events it refuses, see SyncBatchRefused).
 */
export const SYNC_PROTOCOL_VERSION = 2;

/** Store tokens travel as `Authorization: Bearer gst_<tokenId>.<secret>`. */
export const STORE_TOKEN_PREFIX = 'gst_';

/**
 * 2000 events keep a batch well under central's 16 MiB body limit (a rollup is ~200 B of
 * JSON, a ticket view a few KiB) while a 24 h backlog drains in a few hundred requests.
 */
export const SYNC_MAX_EVENTS_PER_BATCH = 2000;

/**
 * `<kind>.<change>`: alarm.raised, ticket.transition, device.status, rollup.minute, pm.*,
 * part.*, purchase.*, metrics.*. Kinds are open so later features add events without a
 * protocol change; central projects the kinds it knows and keeps the rest as history.
 */
export const SyncEventType = z
  .string()
  .regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/, 'event types look like "alarm.raised"');
export type SyncEventType = z.infer<typeof SyncEventType>;

export const SyncEventKind = (type: string): string => type.slice(0, type.indexOf('.'));

/** Alarms, tickets and work orders go before telemetry rollups, and are never dropped. */
export const SyncPriority = z.enum(['high', 'low']);
export type SyncPriority = z.infer<typeof SyncPriority>;
export const LOW_PRIORITY_KINDS: readonly string[] = ['rollup', 'metrics'];
export const syncPriorityOf = (type: string): SyncPriority =>
  LOW_PRIORITY_KINDS.includes(SyncEventKind(type)) ? 'low' : 'high';

export const SyncEvent = z.object({
  seq: z.number().int().positive().describe("the edge's per-store outbox sequence"),
  ts: z.number().int().nonnegative().describe('epoch ms when the change happened at the store'),
  type: SyncEventType,
  entityId: z.string().min(1).max(128).describe('alarm id, ticket id, equipment id, …'),
  payload: z.record(z.string(), z.unknown()),
});
export type SyncEvent = z.infer<typeof SyncEvent>;

export const SyncBatch = z.object({
  storeId: StoreId,
  sentAt: z.number().int().nonnegative(),
  /**
   * Events in ascending seq within each priority lane. Seqs may have gaps: low-priority
   * events dropped on a full outbox are reported in `dropped` instead.
   */
  events: z.array(SyncEvent).min(1).max(SYNC_MAX_EVENTS_PER_BATCH),
  dropped: z
    .object({ rollups: z.number().int().nonnegative() })
    .optional()
    .describe('running count of low-priority events the edge dropped on a full outbox'),
});
export type SyncBatch = z.infer<typeof SyncBatch>;

export const SyncBatchAck = z.object({
  storeId: StoreId,
  inserted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative().describe('events central already held: not applied again'),
  highestSeq: z.number().int().nonnegative().describe('highest seq central holds for this store'),
});
export type SyncBatchAck = z.infer<typeof SyncBatchAck>;

export const SyncEventRefusal = z.object({
  index: z.number().int().nonnegative().describe('position of the event in the batch as posted'),
  seq: z.number().nullable().describe("the event's seq as posted, null when that is what is wrong"),
  reason: z.string(),
});
export type SyncEventRefusal = z.infer<typeof SyncEventRefusal>;

/**
 * Central's 400 answer to a batch it will not store. `refusedEvents` names the events at
 * fault: the same batch without them would be stored. Empty, the batch as a whole is at
 * fault (its envelope) and no event should be set aside for it. Nothing of a refused
 * batch is stored, so an edge that does not read this list loses nothing.
 */
export const SyncBatchRefused = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.string()).optional(),
  refusedEvents: z.array(SyncEventRefusal),
});
export type SyncBatchRefused = z.infer<typeof SyncBatchRefused>;

/**
 * What central pushes down: the parts of the store configuration that are managed
 * centrally (equipment registry, equipment-type profiles with their rule thresholds,
 * alarm settings, maintenance plans, the kitchen's stations and menu). The edge overlays it on its local file and
 * validates the result with the full StoreConfig schema before applying it.
 */
export const ConfigOverlayKeys = ['equipmentTypes', 'equipment', 'alarms', 'maintenance', 'kitchen'] as const;
export const ConfigOverlay = z
  .object(Object.fromEntries(ConfigOverlayKeys.map((key) => [key, z.unknown().optional()])))
  .strict()
  .describe('top-level StoreConfig sections; each present one replaces the local section');
export type ConfigOverlay = Partial<Record<(typeof ConfigOverlayKeys)[number], unknown>>;

export const PushedConfig = z.object({
  storeId: StoreId,
  version: z.number().int().positive(),
  createdAt: z.number().int(),
  overlay: ConfigOverlay,
});
export type PushedConfig = z.infer<typeof PushedConfig>;

export const ConfigApplyReport = z.object({
  version: z.number().int().positive(),
  outcome: z.enum(['applied', 'rejected']),
  errors: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .default([])
    .describe('why the edge rejected it (it keeps running the previous configuration)'),
  at: z.number().int(),
});
export type ConfigApplyReport = z.infer<typeof ConfigApplyReport>;

/** An outbox event central refused, kept on the edge until it is offered again. */
export const SetAsideEventView = z.object({
  seq: z.number().int(),
  type: z.string(),
  entityId: z.string(),
  ts: z.number().int(),
  reason: z.string(),
  status: z.number().int().nullable().describe("central's HTTP status when it refused it"),
  setAsideAt: z.number().int(),
  attempts: z.number().int().describe('times central refused it'),
});
export type SetAsideEventView = z.infer<typeof SetAsideEventView>;

export const SetAsideRetry = z.object({
  retried: z.number().int().describe('set-aside events put back in the outbox, in their seq order'),
});
export type SetAsideRetry = z.infer<typeof SetAsideRetry>;

/** Sync health as the edge reports it in its API, `/metrics` and on the display. */
export const SyncHealth = z.object({
  enabled: z.boolean(),
  centralUrl: z.string().nullable(),
  backlog: z.object({ high: z.number().int(), low: z.number().int() }),
  lastAckedSeq: z.number().int(),
  highestSeq: z.number().int(),
  lagMs: z.number().int().nullable().describe('age of the oldest unsent event; null when nothing waits'),
  lastSuccessAt: z.number().int().nullable(),
  lastAttemptAt: z.number().int().nullable(),
  lastError: z.object({ at: z.number().int(), message: z.string() }).nullable(),
  consecutiveFailures: z.number().int(),
  droppedRollups: z.number().int(),
  configVersion: z.number().int().nullable().describe('central config version applied here'),
  // Optional for the display's fixtures written before it; the edge always fills it.
  setAside: z
    .number()
    .int()
    .optional()
    .describe('events central refused, kept aside (not in the backlog) until retried'),
  setAsideNewest: z
    .array(SetAsideEventView)
    .optional()
    .describe('the most recently set-aside events, newest first, with why'),
});
export type SyncHealth = z.infer<typeof SyncHealth>;
