import type { Equipment } from '../../../shared/config/equipment';
import type { Rule } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { TimerHandle } from '../../../shared/server/runtime/clock';
import { createEvaluator } from './create-evaluator';
import type { RuleEvaluator } from './evaluator';
import { FaultCodeEvaluator } from './fault-code-evaluator';
import { LocalTimeOfDay } from './local-time';
import { rulesForEquipment } from './resolve-rules';
import type { RuleTransition } from './rule-transition';
import { EquipmentContext } from './suppression';
import { UNKNOWN_FAULT_CODE_RULE_ID, unknownFaultCodeRule } from './unknown-fault-code';
import { reportResolution } from './worsening';

/** What the engine keeps of one rule of one piece of equipment between events. */
export interface RuleRuntime {
  rule: Rule;
  fingerprint: string;
  evaluator: RuleEvaluator;
  timer: { at: number; handle: TimerHandle } | null;
  /** Transitions the sink refused (e.g. database busy), retried on the rule's next event. */
  unsent: Map<string, RuleTransition>;
  /** How far the measured value must move before an active alarm hears of it; null: never. */
  resolution: number | null;
  /** The measured value the active alarm last heard; null: none yet (or not active). */
  reported: number | null;
}

/** One piece of equipment's rules, indexed by the metric each listens to. */
export interface EquipmentRuntime {
  equipment: Equipment;
  context: EquipmentContext;
  rules: Map<string, RuleRuntime>;
  byMetric: Map<string, RuleRuntime[]>;
}

/**
 * The runtimes of a config's equipment and rules. A rule whose definition, report
 * interval and fault codes are unchanged keeps its runtime (and so its state) from
 * `previous`; an equipment keeps its context while the store's time zone stays.
 */
export function buildRuntimes(
  config: StoreConfig,
  previous: Map<string, EquipmentRuntime>,
  now: number,
): Map<string, EquipmentRuntime> {
  const built = new Map<string, EquipmentRuntime>();
  for (const equipment of config.equipment) {
    const profile = config.equipmentTypes[equipment.type];
    if (!profile) continue;
    const old = previous.get(equipment.id);
    const context =
      old && old.context.localTime.timeZone === config.store.timezone
        ? old.context
        : new EquipmentContext(new LocalTimeOfDay(config.store.timezone));
    const eq: EquipmentRuntime = { equipment, context, rules: new Map(), byMetric: new Map() };
    const rules = rulesForEquipment(config, equipment);
    if (!rules.some((r) => r.kind === 'fault_code' || r.id === UNKNOWN_FAULT_CODE_RULE_ID))
      rules.push(unknownFaultCodeRule(config.alarms.unknownFaultCodeClearAfterS));
    for (const rule of rules) {
      const fingerprint = JSON.stringify([rule, profile.reportIntervalS, profile.faultCodes]);
      const reused = old?.rules.get(rule.id);
      const rt =
        reused && reused.fingerprint === fingerprint
          ? reused
          : {
              rule,
              fingerprint,
              evaluator: createEvaluator(rule, profile, now),
              timer: null,
              unsent: new Map(),
              resolution: reportResolution(rule),
              reported: null,
            };
      eq.rules.set(rule.id, rt);
      // An absent-metric rule hears every message of its equipment, not only its metric's readings.
      if ('metric' in rule && rule.kind !== 'absent') {
        const list = eq.byMetric.get(rule.metric) ?? [];
        list.push(rt);
        eq.byMetric.set(rule.metric, list);
      }
    }
    built.set(equipment.id, eq);
  }
  return built;
}

/** The alarms a rule has active: one per fault code for a fault-code rule, else at most one. */
export function activeKeys(rt: RuleRuntime): { subKey?: string }[] {
  if (rt.evaluator instanceof FaultCodeEvaluator)
    return rt.evaluator.activeCodes().map((subKey) => ({ subKey }));
  return rt.evaluator.active ? [{}] : [];
}
