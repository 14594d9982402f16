import { z } from 'zod';
import { MetricName } from './ids';
import type { DeviceMessageKind } from './topics';

/**
 * `ts` is epoch milliseconds or an ISO 8601 string; both normalise to epoch ms.
 * Plausibility (future, too old) depends on the receiving clock and is checked by the edge.
 */
export const DeviceTimestamp = z.union([
  z.number().finite().int('epoch milliseconds are whole numbers').nonnegative(),
  z.iso.datetime({ offset: true, local: false }),
]);
export type DeviceTimestamp = z.infer<typeof DeviceTimestamp>;

export const ReadingValue = z.union([z.number(), z.boolean()]);
export type ReadingValue = z.infer<typeof ReadingValue>;

export const TelemetryMessage = z.object({
  ts: DeviceTimestamp,
  readings: z.record(MetricName, ReadingValue),
});
export type TelemetryMessage = z.infer<typeof TelemetryMessage>;

export const EventMessage = z.object({
  ts: DeviceTimestamp,
  code: z.string().min(1).max(64),
  message: z.string().max(1000).optional(),
});
export type EventMessage = z.infer<typeof EventMessage>;

/** Why a device says it goes offline; `shutdown` is a planned stop, not a fault. */
export const StatusReason = z.enum(['shutdown']);
export type StatusReason = z.infer<typeof StatusReason>;

/**
 * Retained on the status topic. A Last Will is `{"online": false}` (the link was lost);
 * a device stopping on purpose first publishes `{"online": false, "reason": "shutdown"}`.
 */
export const StatusMessage = z
  .object({ online: z.boolean(), reason: StatusReason.optional() })
  .refine((status) => !(status.online && status.reason), {
    message: 'a reason goes only with "online": false',
    path: ['reason'],
  });
export type StatusMessage = z.infer<typeof StatusMessage>;

/**
 * What told the edge a device went online or offline: its own status message, its
 * planned-stop status (`shutdown`: switched off, not a fault), the broker publishing
 * its Will, or its MQTT connection opening or closing.
 */
export const DeviceStatusCause = z.enum(['status', 'shutdown', 'last_will', 'connect', 'disconnect']);
export type DeviceStatusCause = z.infer<typeof DeviceStatusCause>;

/** Payload schema keyed by topic kind, so a handler for a kind receives exactly its type. */
export const deviceMessageSchemas = {
  telemetry: TelemetryMessage,
  event: EventMessage,
  status: StatusMessage,
} as const satisfies Record<DeviceMessageKind, z.ZodType>;

export type DeviceMessage<K extends DeviceMessageKind> = z.infer<(typeof deviceMessageSchemas)[K]>;

export function timestampToEpochMs(ts: DeviceTimestamp): number {
  return typeof ts === 'number' ? ts : Date.parse(ts);
}
