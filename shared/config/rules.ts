import { z } from 'zod';
import { MetricName, SlugId } from '../ids';
import { LocalizedText } from './localized-text';

export const Severity = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** What an alarm puts at risk, so the kitchen can tell a burn or food risk from a repair job. */
export const Hazard = z.enum(['people', 'food', 'equipment']);
export type Hazard = z.infer<typeof Hazard>;

const seconds = z.number().nonnegative();

const Compare = { op: z.enum(['>', '>=', '<', '<=']), value: z.number() };
const Outside = { outside: z.tuple([z.number(), z.number()]) };
const Inside = { inside: z.tuple([z.number(), z.number()]) };

/** `{op, value}` compares; `outside`/`inside` test a band such as fryer oil 170–185 °C. */
export const Condition = z.union([z.strictObject(Compare), z.strictObject(Outside), z.strictObject(Inside)]);
export type Condition = z.infer<typeof Condition>;

const forS = { forS: seconds.default(0).describe('the condition must hold this long') };
export const HeldCondition = z.union([
  z.strictObject({ ...Compare, ...forS }),
  z.strictObject({ ...Outside, ...forS }),
  z.strictObject({ ...Inside, ...forS }),
]);
export type HeldCondition = z.infer<typeof HeldCondition>;

/**
 * When a ticket is opened for an alarm of this rule. Omitted: critical → at once,
 * warning → after 15 min still active, info → never.
 */
export const TicketPolicy = z.union([
  z.strictObject({ when: z.literal('immediate') }),
  z.strictObject({ when: z.literal('after_delay'), delayS: seconds }),
  z.strictObject({ when: z.literal('none') }),
]);
export type TicketPolicy = z.infer<typeof TicketPolicy>;

/**
 * A boolean metric (door_open, defrost_on) that suppresses the rule while true and for a
 * recovery time after; with `value: false`, while false (a hood's airflow while its fan is off).
 */
export const SuppressWhile = z.strictObject({
  metric: MetricName,
  value: z.boolean().optional().describe('suppress while the metric has this value; omitted: true'),
  recoveryS: seconds.default(0).describe('the rule stays quiet this long after the metric leaves that value'),
});
export type SuppressWhile = z.infer<typeof SuppressWhile>;

const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour, store time zone');

/** A daily window in the store's time zone; `end` before `start` runs past midnight. */
export const ScheduledWindow = z.strictObject({
  name: z.string().min(1).describe('e.g. defrost, cleaning'),
  start: ClockTime,
  end: ClockTime,
  days: z.array(Weekday).min(1).optional().describe('omit for every day'),
});
export type ScheduledWindow = z.infer<typeof ScheduledWindow>;

export const Suppression = z.strictObject({
  while: z.array(SuppressWhile).default([]),
  windows: z.array(ScheduledWindow).default([]),
});
export type Suppression = z.infer<typeof Suppression>;

const RuleBase = {
  id: SlugId,
  title: LocalizedText,
  severity: Severity,
  hint: LocalizedText.optional().describe('what staff should do'),
  ticket: TicketPolicy.optional(),
  suppress: Suppression.optional(),
  hazard: Hazard.optional().describe('what the fault puts at risk; omitted: equipment'),
};

/**
 * How much further past the limit an acknowledged alarm's value must go before it is
 * un-acknowledged and alerts again, in the metric's unit.
 */
const realertStep = {
  realertStep: z
    .number()
    .positive()
    .optional()
    .describe(
      'omitted: 3 for °C metrics (`_c`), otherwise a quarter of how far past the limit the value was when raised',
    ),
};

/** Raise when `raise` holds for its duration; clear only when `clear` holds for its own (hysteresis). */
export const ThresholdRule = z.strictObject({
  ...RuleBase,
  kind: z.literal('threshold'),
  metric: MetricName,
  raise: HeldCondition,
  clear: HeldCondition.optional().describe('omitted: the negation of `raise`, held 0 s'),
  ...realertStep,
});

/** Change of more than `delta` within `windowS` (rise: warming, fall: cooling/draining). */
export const RateRule = z.strictObject({
  ...RuleBase,
  kind: z.literal('rate'),
  metric: MetricName,
  direction: z.enum(['rise', 'fall']),
  delta: z.number().positive(),
  windowS: z.number().positive(),
  clearAfterS: seconds.default(300).describe('the change must stay within `delta` this long to clear'),
  ...realertStep,
});

/** The same value (within `tolerance`) for `forS`: a dead or disconnected probe. */
export const StuckRule = z.strictObject({
  ...RuleBase,
  kind: z.literal('stuck'),
  metric: MetricName,
  forS: z.number().positive(),
  tolerance: z.number().nonnegative().default(0),
});

/** A boolean metric true for more than `maxPct` of the last `windowS` (e.g. compressor short of gas). */
export const DutyCycleRule = z.strictObject({
  ...RuleBase,
  kind: z.literal('duty_cycle'),
  metric: MetricName,
  maxPct: z.number().gt(0).lt(100),
  clearPct: z.number().gt(0).lt(100).optional().describe('omitted: maxPct − 5'),
  windowS: z.number().positive().default(3600),
  ...realertStep,
});

/** Last Will / status offline, or no telemetry for `silenceFactor` × the type's reportIntervalS. */
export const OfflineRule = z.strictObject({
  ...RuleBase,
  kind: z.literal('offline'),
  silenceFactor: z.number().min(1).default(3),
});

/**
 * A probe that scatters: each step between readings differs from the one before by more
 * than `maxJitter` on average over `windowS`. Real temperatures curve smoothly, even a
 * basket dropped in oil; a failing probe or loose connector jumps both ways.
 */
export const ErraticRule = z.strictObject({
  ...RuleBase,
  kind: z.literal('erratic'),
  metric: MetricName,
  maxJitter: z
    .number()
    .positive()
    .describe("mean of |x[i] − 2·x[i−1] + x[i−2]| over the window, in the metric's unit; clears below half"),
  windowS: z.number().positive().default(600),
});

/**
 * The equipment keeps reporting but without `metric` for `forS`: a disconnected probe
 * the firmware leaves out. Decided on telemetry only; a silent device is the offline rule's.
 */
export const AbsentRule = z.strictObject({
  ...RuleBase,
  kind: z.literal('absent'),
  metric: MetricName,
  forS: z
    .number()
    .positive()
    .describe('how long the metric may be missing from telemetry that still arrives'),
});

/**
 * The equipment's own fault codes (event topic), looked up in the type's `faultCodes`.
 * Codes not in the table raise with this rule's title and severity.
 */
export const FaultCodeRule = z.strictObject({
  ...RuleBase,
  kind: z.literal('fault_code'),
  clearAfterS: seconds.default(600).describe('a code not repeated this long clears'),
  clearCodes: z.array(z.string().min(1)).default([]).describe("the maker's all-clear codes"),
});

export const Rule = z.discriminatedUnion('kind', [
  ThresholdRule,
  RateRule,
  StuckRule,
  DutyCycleRule,
  OfflineRule,
  AbsentRule,
  ErraticRule,
  FaultCodeRule,
]);
export type Rule = z.infer<typeof Rule>;
export type RuleInput = z.input<typeof Rule>;
export type RuleKind = Rule['kind'];

/** Metrics a rule reads, for cross-checks and telemetry snapshots. */
export function ruleMetrics(rule: Rule): string[] {
  const own = 'metric' in rule ? [rule.metric] : [];
  return [...own, ...(rule.suppress?.while.map((s) => s.metric) ?? [])];
}

const DEFAULT_WARNING_TICKET_DELAY_S = 15 * 60;

export function effectiveTicketPolicy(rule: Pick<Rule, 'severity' | 'ticket'>): TicketPolicy {
  if (rule.ticket) return rule.ticket;
  if (rule.severity === 'critical') return { when: 'immediate' };
  if (rule.severity === 'warning') return { when: 'after_delay', delayS: DEFAULT_WARNING_TICKET_DELAY_S };
  return { when: 'none' };
}

/**
 * A device whose connection drops and comes back again and again (a bad cable, a crash
 * loop, someone replaying its credentials) is one problem, not a stream of alarms: the
 * first drop raises at once, a return within `windowS` of a drop is held until the
 * device has stayed connected `settleS`, and the drops in between change nothing.
 */
export const ConnectionFlapSettings = z.strictObject({
  windowS: seconds.default(30).describe('a device back within this long of dropping is flapping'),
  settleS: seconds
    .default(30)
    .describe('a flapping device must stay connected this long before it counts as back online'),
});
export type ConnectionFlapSettings = z.infer<typeof ConnectionFlapSettings>;

export const DEFAULT_CONNECTION_FLAP: ConnectionFlapSettings = { windowS: 30, settleS: 30 };

/** Store-wide alarm behaviour: repeat notification and escalation of unacknowledged critical alarms. */
export const AlarmSettings = z
  .strictObject({
    repeatIntervalS: z.number().positive().default(300),
    escalateToManagerAfterS: z.number().positive().default(900),
    escalateToCentralAfterS: z.number().positive().default(1800),
    flapWindowS: seconds.default(300).describe('a re-raise this soon after clearing reopens the same alarm'),
    verifyAfterS: z
      .number()
      .positive()
      .default(3600)
      .describe('telemetry must stay normal this long after "resolved" for automatic verification'),
    repeatRepairWindowDays: z.number().positive().default(7),
    connectionFlap: ConnectionFlapSettings.default(DEFAULT_CONNECTION_FLAP),
    unknownFaultCodeClearAfterS: z
      .number()
      .positive()
      .default(3600)
      .describe('a fault code no `fault_code` rule handles clears when not repeated this long'),
  })
  .default({
    repeatIntervalS: 300,
    escalateToManagerAfterS: 900,
    escalateToCentralAfterS: 1800,
    flapWindowS: 300,
    verifyAfterS: 3600,
    repeatRepairWindowDays: 7,
    connectionFlap: DEFAULT_CONNECTION_FLAP,
    unknownFaultCodeClearAfterS: 3600,
  });
export type AlarmSettings = z.infer<typeof AlarmSettings>;
