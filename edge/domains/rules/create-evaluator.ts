import type { EquipmentTypeProfile } from '../../../shared/config/equipment-profile';
import type { Rule } from '../../../shared/config/rules';
import { AbsentEvaluator } from './absent-evaluator';
import { DutyCycleEvaluator } from './duty-cycle-evaluator';
import { ErraticEvaluator } from './erratic-evaluator';
import type { RuleEvaluator } from './evaluator';
import { FaultCodeEvaluator } from './fault-code-evaluator';
import { OfflineEvaluator } from './offline-evaluator';
import { RateEvaluator } from './rate-evaluator';
import { StuckEvaluator } from './stuck-evaluator';
import { ThresholdEvaluator } from './threshold-evaluator';

export function createEvaluator(rule: Rule, profile: EquipmentTypeProfile, now: number): RuleEvaluator {
  switch (rule.kind) {
    case 'threshold':
      return new ThresholdEvaluator({ raise: rule.raise, clear: rule.clear });
    case 'rate':
      return new RateEvaluator(rule);
    case 'stuck':
      return new StuckEvaluator(rule.forS, rule.tolerance);
    case 'duty_cycle':
      return new DutyCycleEvaluator(rule);
    case 'offline':
      return new OfflineEvaluator(rule.silenceFactor * profile.reportIntervalS * 1000, now);
    case 'erratic':
      return new ErraticEvaluator(rule);
    case 'absent':
      return new AbsentEvaluator(rule.forS * 1000);
    case 'fault_code':
      return new FaultCodeEvaluator(rule.clearAfterS * 1000, rule.clearCodes);
  }
}
