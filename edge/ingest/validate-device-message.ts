import type { z } from 'zod';
import type { EquipmentTypeProfile } from '../../shared/config/equipment-profile';
import type { BrokerLimits } from '../../shared/config/limits';
import {
  EventMessage,
  type ReadingValue,
  StatusMessage,
  type StatusReason,
  TelemetryMessage,
} from '../../shared/device-messages';
import { decodeJsonPayload, isPlainObject, jsonTypeOf } from './decode-payload';
import { type Rejection, reject } from './rejection';
import { validateReadings } from './validate-readings';
import { validateTimestamp } from './validate-timestamp';

export interface ValidationContext {
  profile: EquipmentTypeProfile;
  limits: BrokerLimits;
  /** edge clock, epoch ms */
  now: number;
}

export type TelemetryCheck = { ok: true; ts: number; readings: Record<string, ReadingValue> } | Rejection;
export type EventCheck = { ok: true; ts: number; code: string; message?: string | undefined } | Rejection;
export type StatusCheck = { ok: true; online: boolean; reason?: StatusReason | undefined } | Rejection;

/** Validates a telemetry payload exactly as it arrived over MQTT. */
export function validateTelemetry(payload: Buffer, ctx: ValidationContext): TelemetryCheck {
  const decoded = decodeJsonPayload(payload, ctx.limits.maxTelemetryBytes);
  return decoded.ok ? validateTelemetryObject(decoded.value, ctx) : decoded;
}

/** Validates an already-parsed telemetry message (serial adapters build these themselves). */
export function validateTelemetryObject(value: unknown, ctx: ValidationContext): TelemetryCheck {
  if (!isPlainObject(value)) return notAnObject(value);
  const ts = validateTimestamp(value.ts, ctx.limits, ctx.now);
  if (!ts.ok) return ts;
  const readings = validateReadings(value.readings, ctx.profile, ctx.limits.maxReadingsPerMessage);
  if (!readings.ok) return readings;
  // The shared schema stays the last word on shape, so the contract and this check cannot
  // drift. An epoch-ms ts plus readings that passed the profile check (metric names from
  // the profile, whose keys are MetricNames; finite numbers or booleans) is exactly what
  // TelemetryMessage accepts, so the hot path skips the second pass; anything else gets it.
  if (typeof value.ts !== 'number') {
    const parsed = TelemetryMessage.safeParse(value);
    if (!parsed.success) return schemaMismatch(parsed.error);
  }
  return { ok: true, ts: ts.ts, readings: readings.readings };
}

export function validateEvent(payload: Buffer, ctx: Omit<ValidationContext, 'profile'>): EventCheck {
  const decoded = decodeJsonPayload(payload, ctx.limits.maxTelemetryBytes);
  if (!decoded.ok) return decoded;
  const value = decoded.value;
  if (!isPlainObject(value)) return notAnObject(value);
  const ts = validateTimestamp(value.ts, ctx.limits, ctx.now);
  if (!ts.ok) return ts;
  const parsed = EventMessage.safeParse(value);
  if (!parsed.success) return schemaMismatch(parsed.error);
  return { ok: true, ts: ts.ts, code: parsed.data.code, message: parsed.data.message };
}

export function validateStatus(
  payload: Buffer,
  ctx: Omit<ValidationContext, 'profile' | 'now'>,
): StatusCheck {
  const decoded = decodeJsonPayload(payload, ctx.limits.maxTelemetryBytes);
  if (!decoded.ok) return decoded;
  if (!isPlainObject(decoded.value)) return notAnObject(decoded.value);
  const parsed = StatusMessage.safeParse(decoded.value);
  if (!parsed.success) return schemaMismatch(parsed.error);
  return { ok: true, online: parsed.data.online, reason: parsed.data.reason };
}

function notAnObject(value: unknown): Rejection {
  return reject('schema_mismatch', `payload must be a JSON object, got ${jsonTypeOf(value)}`);
}

function schemaMismatch(error: z.ZodError): Rejection {
  const issues = error.issues
    .slice(0, 3)
    .map(
      (issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(payload)'}: ${issue.message}`,
    );
  return reject('schema_mismatch', issues.join('; '));
}
