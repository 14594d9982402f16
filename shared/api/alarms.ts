import { z } from 'zod';
import { Hazard, Severity } from '../config/rules';
import { LocalizedText } from '../localized-text';

export const AlarmState = z.enum(['active_unacked', 'active_acked', 'cleared_unacked', 'cleared_acked']);
export type AlarmState = z.infer<typeof AlarmState>;

export const Escalation = z.enum(['none', 'manager', 'central']);
export type Escalation = z.infer<typeof Escalation>;

const AlarmValue = z.union([z.number(), z.boolean(), z.string()]).nullable();

const AlarmViewFields = z.object({
  id: z.number().int(),
  equipmentId: z.string(),
  rule: z
    .string()
    .describe(
      'rule id, or `ruleId:code` for a fault code the equipment reported (`unknown_fault_code:code` when no rule handles it)',
    ),
  ruleKind: z.string(),
  severity: Severity,
  state: AlarmState,
  title: LocalizedText,
  hint: LocalizedText.nullable(),
  raisedAt: z.number().int(),
  conditionSince: z
    .number()
    .int()
    .describe('when the fault condition began, before any hold time ran; raisedAt when not known'),
  hazard: Hazard.default('equipment').describe('what is at risk: people, food or equipment'),
  raisedValue: AlarmValue,
  lastValue: AlarmValue,
  worsening: z
    .boolean()
    .default(false)
    .describe('the latest value is further past the limit than the value it was raised at'),
  clearedAt: z.number().int().nullable(),
  ackedAt: z.number().int().nullable(),
  ackedBy: z.string().nullable(),
  raiseCount: z.number().int().describe('more than 1: it cleared and came back soon after (flapping)'),
  notifyCount: z.number().int(),
  lastNotifiedAt: z.number().int(),
  escalation: Escalation,
  updatedAt: z.number().int(),
});

/**
 * An alarm as the API, MQTT and the sync carry it. Alarms recorded before `conditionSince`
 * existed (older outbox events, older boxes) read it as `raisedAt`.
 */
export const AlarmView = z.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && !('conditionSince' in value) && 'raisedAt' in value
      ? { ...value, conditionSince: value.raisedAt }
      : value,
  AlarmViewFields,
);
export type AlarmView = z.infer<typeof AlarmView>;
export const AlarmList = z.array(AlarmView);

export const AlarmsQuery = z.object({
  state: z
    .enum(['active', 'open', 'all'])
    .default('active')
    .describe('active: not cleared; open: active or not yet acknowledged; all: history too'),
  equipmentId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AlarmsQuery = z.infer<typeof AlarmsQuery>;

/** `worsened`: an acknowledged alarm's value went a step further past the limit; it alerts again. */
export const AlarmChangeType = z.enum([
  'raised',
  'reraised',
  'cleared',
  'acked',
  'notified',
  'escalated',
  'worsened',
]);
export type AlarmChangeType = z.infer<typeof AlarmChangeType>;

/** Retained on `galley/{storeId}/_edge/alarms/{equipmentId}`: the equipment's alarms not yet cleared and acknowledged. */
export const EquipmentAlarmsMessage = z.object({
  equipmentId: z.string(),
  change: z.object({ type: AlarmChangeType, alarmId: z.number().int(), at: z.number().int() }),
  alarms: AlarmList,
});
export type EquipmentAlarmsMessage = z.infer<typeof EquipmentAlarmsMessage>;
