import type { Rule } from '../../../shared/config/rules';
import type { LocalizedText } from '../../../shared/localized-text';

/**
 * Equipment whose type has no `fault_code` rule still reports faults on its event
 * topic. Dropping them would hide a fault the machine itself noticed, so such codes
 * raise a warning under this built-in rule, keyed `unknown_fault_code:<code>`, and
 * clear when the code has not been repeated for the store's
 * `alarms.unknownFaultCodeClearAfterS` (the contract has no generic all-clear code).
 */
export const UNKNOWN_FAULT_CODE_RULE_ID = 'unknown_fault_code';

/** The maker's message is shown in full in the hint; a flood of text must not fill the screen. */
const MAX_MESSAGE_CHARS = 300;

export function unknownFaultCodeRule(clearAfterS: number): Rule {
  return {
    id: UNKNOWN_FAULT_CODE_RULE_ID,
    kind: 'fault_code',
    title: { en: 'Fault code not in the store configuration', 'zh-CN': '门店配置中未登记的故障代码' },
    severity: 'warning',
    clearAfterS,
    clearCodes: [],
  };
}

/** Title and hint carrying the maker's own code and words, for a code the config does not describe. */
export function unknownFaultCodeText(
  code: string,
  message: string | undefined,
): { title: LocalizedText; hint: LocalizedText } {
  const said = message?.trim().slice(0, MAX_MESSAGE_CHARS);
  return {
    title: { en: `Equipment fault code ${code}`, 'zh-CN': `设备故障代码 ${code}` },
    hint: {
      en: `${said ? `The equipment says: "${said}". ` : ''}This code is not in the store configuration: look it up in the maker's manual and call the technician if it keeps coming back.`,
      'zh-CN': `${said ? `设备提示：“${said}”。` : ''}该代码未在门店配置中登记：请查阅设备说明书，如反复出现请联系维修人员。`,
    },
  };
}
