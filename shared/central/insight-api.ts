import { z } from 'zod';
import { AlarmView } from '../api/alarms';
import { Severity } from '../config/rules';
import { StoreId } from '../ids';
import { LocalizedText } from '../localized-text';

/**
 * What the regional page needs beyond the raw synced views: equipment named the way the
 * store named it, alarm episodes to filter and group, the latest synced readings and
 * their history. Names come from configurations pushed to the store (overlay sections
 * `equipment` and `equipmentTypes`); equipment central has only seen in events has none.
 */

/** A piece of equipment as people should read it; every field but the id may be unknown. */
export const EquipmentLabel = z.object({
  equipmentId: z.string(),
  name: LocalizedText.nullable().describe('as named in the store configuration central pushed'),
  type: z.string().nullable().describe('equipment type id, e.g. walk_in_cooler'),
  typeLabel: LocalizedText.nullable().describe('the type as named in the pushed configuration'),
});
export type EquipmentLabel = z.infer<typeof EquipmentLabel>;

/** One metric over one minute, as the edge rolls it up (`rollup.minute`). */
export const MetricMinute = z.object({
  min: z.number(),
  max: z.number(),
  avg: z.number(),
  count: z.number().int(),
});
export type MetricMinute = z.infer<typeof MetricMinute>;

/** `rollup.minute` payload: every metric of one equipment-minute. */
export const MinuteRollup = z.object({
  equipmentId: z.string().min(1),
  minuteTs: z.number().int().describe('start of the minute, epoch ms'),
  metrics: z.record(z.string(), MetricMinute),
});
export type MinuteRollup = z.infer<typeof MinuteRollup>;

export const LatestReadings = z.object({
  minuteTs: z.number().int().describe('start of the newest minute central holds'),
  metrics: z.record(z.string(), MetricMinute),
});
export type LatestReadings = z.infer<typeof LatestReadings>;

const epochMs = z.coerce.number().int().nonnegative();

/** Filters shared by the alarm and ticket lists; text search matches names, titles and ids. */
export const RegionalFilter = z.object({
  storeId: StoreId.optional(),
  severity: Severity.optional(),
  equipmentType: z.string().min(1).max(64).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('free text: store, equipment, title, id'),
  from: epochMs.optional().describe('epoch ms; alarms raised / tickets opened at or after'),
  to: epochMs.optional().describe('epoch ms, exclusive'),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

export const AlarmStatusFilter = z.enum(['active', 'cleared', 'unacked', 'all']);
export type AlarmStatusFilter = z.infer<typeof AlarmStatusFilter>;

export const AlarmEpisodesQuery = RegionalFilter.extend({
  status: AlarmStatusFilter.default('all').describe(
    'active: not cleared; cleared: over; unacked: nobody acknowledged it yet',
  ),
});
export type AlarmEpisodesQuery = z.infer<typeof AlarmEpisodesQuery>;

/** One alarm from raise to clear (its newest view), with where it happened. */
export const AlarmEpisode = z.object({
  storeId: StoreId,
  storeName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  equipment: EquipmentLabel,
  alarm: AlarmView,
});
export type AlarmEpisode = z.infer<typeof AlarmEpisode>;
export const AlarmEpisodeList = z.array(AlarmEpisode);

export const TicketStatusFilter = z.enum(['open', 'all']);

export const ReadingsParams = z.object({ storeId: StoreId, equipmentId: z.string().min(1).max(128) });
export type ReadingsParams = z.infer<typeof ReadingsParams>;

export const READINGS_MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;

export const ReadingsQuery = z.object({
  from: epochMs.optional().describe('epoch ms; default 6 hours before `to`'),
  to: epochMs.optional().describe('epoch ms, exclusive; default now'),
});
export type ReadingsQuery = z.infer<typeof ReadingsQuery>;

export const EquipmentReadings = z.object({
  equipmentId: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  points: z.array(LatestReadings).describe('one per synced minute, oldest first'),
});
export type EquipmentReadings = z.infer<typeof EquipmentReadings>;
