import { z } from 'zod';
import { EquipmentProtocol } from '../config/equipment';
import { DeviceStatusCause } from '../device-messages';
import { LocalizedText } from '../localized-text';
import { QueryTime } from './query-time';

export const EquipmentState = z.enum(['ok', 'warning', 'critical', 'offline', 'unknown']);
export type EquipmentState = z.infer<typeof EquipmentState>;

export const LatestReading = z.object({
  value: z.union([z.number(), z.boolean()]),
  ts: z.number().int().describe('epoch ms the device measured it'),
});
export type LatestReading = z.infer<typeof LatestReading>;

export const EquipmentView = z.object({
  id: z.string(),
  type: z.string(),
  typeLabel: LocalizedText,
  name: LocalizedText,
  station: z.string(),
  location: z.string().optional(),
  protocol: EquipmentProtocol,
  keyMetric: z.string().optional(),
  units: z.record(z.string(), z.string()).describe('unit per metric, where it has one'),
  online: z.boolean(),
  lastSeen: z.number().int().nullable().describe('epoch ms of the latest message received'),
  state: EquipmentState,
  offlineCause: DeviceStatusCause.optional().describe(
    'while offline, what said so: `shutdown` is a planned stop (switched off, not a fault); ' +
      '`last_will` or `disconnect` a lost connection; absent when it simply stopped reporting',
  ),
  readings: z.record(z.string(), LatestReading),
});
export type EquipmentView = z.infer<typeof EquipmentView>;

export const EquipmentList = z.array(EquipmentView);

export const ReadingsQuery = z.object({
  metric: z.string().min(1),
  from: QueryTime.describe('epoch ms or ISO 8601, inclusive'),
  to: QueryTime.describe('epoch ms or ISO 8601, exclusive'),
  step: z.coerce
    .number()
    .int()
    .min(60_000)
    .optional()
    .describe('bucket size in ms (a multiple of one minute); omit for raw readings'),
});
export type ReadingsQuery = z.infer<typeof ReadingsQuery>;

export const ReadingPoint = z.object({
  ts: z.number().int(),
  value: z.union([z.number(), z.boolean()]),
  min: z.number().optional(),
  max: z.number().optional(),
  avg: z.number().optional(),
  count: z.number().int().optional(),
});
export type ReadingPoint = z.infer<typeof ReadingPoint>;
export const ReadingSeries = z.array(ReadingPoint);
