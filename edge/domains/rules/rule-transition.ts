import type { Rule, Severity } from '../../../shared/config/rules';
import type { ReadingValue } from '../../../shared/device-messages';
import type { LocalizedText } from '../../../shared/localized-text';

/** What the rule engine tells the alarm service: one alarm key starts or stops being violated. */
export interface RuleTransition {
  type: 'raise' | 'clear';
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
}

/**
 * Takes transitions one at a time and throws when it could not store one. With
 * `together`, the engine hands over every transition of one batch of readings inside
 * it, so a burst of faults costs one commit; `together` throws if that commit failed.
 */
export type RuleTransitionSink = ((transition: RuleTransition) => void) & {
  together?: (deliver: () => void) => void;
};
