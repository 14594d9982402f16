import type { Equipment } from '../../../shared/config/equipment';
import type { Rule } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';

/** The type's rules, minus the equipment's `disableRules`, with its own rules replacing same-id ones. */
export function rulesForEquipment(config: StoreConfig, equipment: Equipment): Rule[] {
  const profile = config.equipmentTypes[equipment.type];
  const disabled = new Set(equipment.disableRules ?? []);
  const byId = new Map<string, Rule>();
  for (const rule of profile?.rules ?? []) if (!disabled.has(rule.id)) byId.set(rule.id, rule);
  for (const rule of equipment.rules ?? []) byId.set(rule.id, rule);
  return [...byId.values()];
}

/** Alarm key of a rule; a fault-code rule has one per code. */
export function alarmRuleKey(ruleId: string, subKey?: string): string {
  return subKey ? `${ruleId}:${subKey}` : ruleId;
}

export function splitAlarmRuleKey(key: string): { ruleId: string; subKey?: string } {
  const i = key.indexOf(':');
  return i < 0 ? { ruleId: key } : { ruleId: key.slice(0, i), subKey: key.slice(i + 1) };
}
