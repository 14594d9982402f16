import type { Condition, Rule } from '../../../shared/config/rules';

/** A re-alert step for temperatures: 3 °C further is a change a cook would call worse. */
const CELSIUS_STEP = 3;
/** The default step is a quarter of how far past the limit the alarm was raised… */
const STEP_SHARE_OF_OVERSHOOT = 0.25;
/** …but never less than this share of the limit, so noise around the limit cannot re-alert. */
const MIN_STEP_SHARE_OF_LIMIT = 0.05;
/** The floor when the limit itself is 0. */
const MIN_STEP = 0.1;
/** The rule engine reports a value once it has moved this share of the smallest step. */
const REPORT_SHARE_OF_STEP = 0.25;

type MeasuredRule = Extract<Rule, { kind: 'threshold' | 'rate' | 'duty_cycle' }>;

function measured(rule: Rule): MeasuredRule | null {
  return rule.kind === 'threshold' || rule.kind === 'rate' || rule.kind === 'duty_cycle' ? rule : null;
}

/** How far a value sits past the raise condition's limit: bigger is worse, negative is within. */
function pastCondition(condition: Condition, value: number): number {
  if ('op' in condition) {
    return condition.op === '>' || condition.op === '>=' ? value - condition.value : condition.value - value;
  }
  const [low, high] = 'outside' in condition ? condition.outside : condition.inside;
  if ('outside' in condition) return Math.max(low - value, value - high);
  // Raised while inside a band: deeper inside is worse.
  return Math.min(value - low, high - value);
}

/**
 * How far past its rule's limit a value is, in the metric's unit, larger meaning worse;
 * null for rules without a direction (stuck, offline, fault codes) and non-numbers.
 * A rate rule has no fixed limit: only differences of its result mean anything.
 */
export function pastLimit(rule: Rule, value: unknown): number | null {
  const m = measured(rule);
  if (!m || typeof value !== 'number' || !Number.isFinite(value)) return null;
  switch (m.kind) {
    case 'threshold':
      return pastCondition(m.raise, value);
    case 'rate':
      return m.direction === 'rise' ? value : -value;
    case 'duty_cycle':
      return value - m.maxPct;
  }
}

function limitOf(rule: MeasuredRule): number | null {
  if (rule.kind === 'duty_cycle') return rule.maxPct;
  if (rule.kind === 'rate') return null;
  const c = rule.raise;
  return 'op' in c ? c.value : Math.max(...('outside' in c ? c.outside : c.inside).map(Math.abs));
}

function smallestStep(rule: MeasuredRule): number {
  if (rule.realertStep !== undefined) return rule.realertStep;
  if (rule.kind !== 'duty_cycle' && rule.metric.endsWith('_c')) return CELSIUS_STEP;
  // A rate rule's own change size is the natural "as much again".
  if (rule.kind === 'rate') return rule.delta;
  const limit = limitOf(rule) ?? 0;
  return Math.max(Math.abs(limit) * MIN_STEP_SHARE_OF_LIMIT, MIN_STEP);
}

/**
 * How much further past the limit an acknowledged alarm must go to alert again: the
 * rule's `realertStep`; else 3 °C for a `_c` metric; else a quarter of how far past the
 * limit it was raised (a rate rule: its `delta`), at least 5 % of the limit.
 */
export function realertStep(rule: Rule, raisedValue: unknown): number | null {
  const m = measured(rule);
  if (!m) return null;
  const floor = smallestStep(m);
  if (
    m.realertStep !== undefined ||
    m.kind === 'rate' ||
    (m.kind !== 'duty_cycle' && m.metric.endsWith('_c'))
  )
    return floor;
  const overshoot = pastLimit(m, raisedValue);
  return Math.max(floor, overshoot === null ? 0 : Math.abs(overshoot) * STEP_SHARE_OF_OVERSHOOT);
}

/**
 * How far a measured value must move before the engine reports it to the alarm: a
 * quarter of the smallest re-alert step, so a re-alert comes at most that late and a
 * steady signal costs no writes.
 */
export function reportResolution(rule: Rule): number | null {
  const m = measured(rule);
  return m ? smallestStep(m) * REPORT_SHARE_OF_STEP : null;
}

/** `value` is further past the limit than `than`. */
export function isWorse(rule: Rule, value: unknown, than: unknown): boolean {
  const a = pastLimit(rule, value);
  const b = pastLimit(rule, than);
  return a !== null && (b === null || a > b);
}

/** `value` has gone at least one re-alert step further past the limit than `from`. */
export function worsenedByStep(rule: Rule, value: unknown, from: unknown, raisedValue: unknown): boolean {
  const a = pastLimit(rule, value);
  const b = pastLimit(rule, from);
  const step = realertStep(rule, raisedValue);
  return a !== null && b !== null && step !== null && a - b >= step;
}
