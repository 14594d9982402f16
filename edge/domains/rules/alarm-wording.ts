import type { FaultCodeTable } from '../../../shared/config/fault-codes';
import type { Rule, Severity } from '../../../shared/config/rules';
import type { LocalizedText } from '../../../shared/localized-text';
import { UNKNOWN_FAULT_CODE_RULE_ID, unknownFaultCodeText } from './unknown-fault-code';

export interface AlarmWording {
  severity: Severity;
  title: LocalizedText;
  hint: LocalizedText | undefined;
}

/**
 * What an alarm says and how urgent it is: a fault code's entry in the type's table
 * when there is one; for a code no rule handles, the maker's code and words; otherwise
 * the rule's own.
 */
export function alarmWording(
  rule: Rule,
  faultCodes: FaultCodeTable | undefined,
  code: string | undefined,
  message: string | undefined,
): AlarmWording {
  const entry = code ? faultCodes?.[code] : undefined;
  if (entry) return { severity: entry.severity, title: entry.title, hint: entry.hint ?? rule.hint };
  if (code && rule.id === UNKNOWN_FAULT_CODE_RULE_ID)
    return { severity: rule.severity, ...unknownFaultCodeText(code, message) };
  return { severity: rule.severity, title: rule.title, hint: rule.hint };
}
