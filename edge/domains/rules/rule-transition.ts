import type { Rule, Severity } from '../../../shared/config/rules';
import type { ReadingValue } from '../../../shared/device-messages';
import type { LocalizedText } from '../../../shared/localized-text';

/**
 * What the rule engine tells the alarm service: one alarm key starts or stops being
 * violated, or (`update`) the value of an active one moved enough to matter.
 */
export interface RuleTransition {
  type: 'raise' | 'clear' | 'update';
  equipmentId: string;
  /** The alarm key: the rule id, or `ruleId:code` for a fault code. */
  ruleKey: string;
  rule: Rule;
  at: number;
  severity: Severity;
  title: LocalizedText;
  hint?: LocalizedText | undefined;
  value: ReadingValue | string | null;
  cause?: string | undefined;
  /** When the condition behind a raise first held, before any hold time ran; `at` when omitted. */
  conditionSince?: number | undefined;
}

/**
 * Takes transitions one at a time and throws when it could not store one. With
 * `together`, the engine hands over every transition of one batch of readings inside
 * it, so a burst of faults costs one commit; `together` throws if that commit failed.
 */
export type RuleTransitionSink = ((transition: RuleTransition) => void) & {
  together?: (deliver: () => void) => void;
};
