import type { z } from 'zod';
import type { Equipment } from './equipment';
import type { EquipmentTypeProfile } from './equipment-profile';
import type { Rule } from './rules';

interface RulesCrossCheckInput {
  equipment: Equipment[];
  equipmentTypes: Record<string, EquipmentTypeProfile>;
}

/**
 * Rules must name metrics their equipment type reports, boolean where a boolean is
 * meant, and ids must be unique: a typo here would silently never raise an alarm.
 */
export function crossCheckRules(config: RulesCrossCheckInput, ctx: z.RefinementCtx): void {
  for (const [typeId, profile] of Object.entries(config.equipmentTypes)) {
    if (typeof profile !== 'object' || profile === null || !Array.isArray(profile.rules)) continue;
    checkRuleList(profile.rules, profile, ['equipmentTypes', typeId, 'rules'], ctx);
  }
  config.equipment.forEach((equipment, i) => {
    const profile = typeof equipment.type === 'string' ? config.equipmentTypes[equipment.type] : undefined;
    if (!profile || typeof profile !== 'object') return;
    if (Array.isArray(equipment.rules)) {
      checkRuleList(equipment.rules, profile, ['equipment', i, 'rules'], ctx);
    }
    const typeRuleIds = new Set((profile.rules ?? []).map((r) => r.id));
    (equipment.disableRules ?? []).forEach((ruleId, j) => {
      if (!typeRuleIds.has(ruleId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['equipment', i, 'disableRules', j],
          message: `type "${equipment.type}" has no rule "${ruleId}"`,
        });
      }
    });
  });
}

function checkRuleList(
  rules: Rule[],
  profile: EquipmentTypeProfile,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const metrics = typeof profile.metrics === 'object' && profile.metrics !== null ? profile.metrics : {};
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (typeof rule !== 'object' || rule === null) return;
    if (seen.has(rule.id)) {
      ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `duplicate rule id "${rule.id}"` });
    }
    seen.add(rule.id);
    const wanted: [string, 'number' | 'boolean'][] = [];
    if ('metric' in rule) wanted.push([rule.metric, rule.kind === 'duty_cycle' ? 'boolean' : 'number']);
    for (const s of rule.suppress?.while ?? []) wanted.push([s.metric, 'boolean']);
    for (const [metric, kind] of wanted) {
      const known = metrics[metric];
      if (!known) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, i],
          message: `rule "${rule.id}" reads metric "${metric}", which the type does not report`,
        });
      } else if ((known.kind ?? 'number') !== kind) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, i],
          message: `rule "${rule.id}" needs "${metric}" to be a ${kind} metric`,
        });
      }
    }
  });
}
