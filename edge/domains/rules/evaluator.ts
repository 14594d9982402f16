import type { ReadingValue } from '../../../shared/device-messages';

/** A change of alarm state decided by one rule for one piece of equipment. */
export interface RuleSignal {
  type: 'raise' | 'clear';
  at: number;
  /** The value that decided it: a reading, a fault code, or null (silence, all-clear). */
  value: ReadingValue | string | null;
  /** Distinguishes alarms of one rule, e.g. each fault code of a `fault_code` rule. */
  subKey?: string;
  /** Why, in a word: `last_will`, `silence`, `telemetry`, `status`, `quiet`, `clear_code`… */
  cause?: string;
  /** When the condition behind a raise first held, before any hold time ran; `at` when omitted. */
  since?: number;
  /** The equipment's own words with a fault code, when it sent any. */
  message?: string | undefined;
}

/**
 * Per-(equipment, rule) state machine. Work per reading is constant (amortised for
 * sliding windows); time-driven changes happen in `onTimer`, which the engine calls
 * at or after `nextCheckAt()`.
 */
export interface RuleEvaluator {
  readonly active: boolean;
  /** After a restart: an alarm for this rule is already active in the database. */
  restoreActive(subKey?: string): void;
  onReading(ts: number, value: ReadingValue, suppressed: boolean): RuleSignal | null;
  onTimer(now: number, suppressed: boolean): RuleSignal[];
  nextCheckAt(): number | null;
  /**
   * The number the rule judges now (the latest reading, a duty share), for rules whose
   * active alarm can get worse; absent or null otherwise.
   */
  readonly measured?: number | null;
}
