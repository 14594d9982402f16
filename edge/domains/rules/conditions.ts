import type { Condition } from '../../../shared/config/rules';

export function conditionHolds(condition: Condition, value: number): boolean {
  if ('op' in condition) {
    switch (condition.op) {
      case '>':
        return value > condition.value;
      case '>=':
        return value >= condition.value;
      case '<':
        return value < condition.value;
      case '<=':
        return value <= condition.value;
    }
  }
  if ('outside' in condition) return value < condition.outside[0] || value > condition.outside[1];
  return value >= condition.inside[0] && value <= condition.inside[1];
}

/** The clear condition a rule gets when it names none: simply "no longer raising". */
export function negateCondition(condition: Condition): Condition {
  if ('op' in condition) {
    const opposite = { '>': '<=', '>=': '<', '<': '>=', '<=': '>' } as const;
    return { op: opposite[condition.op], value: condition.value };
  }
  if ('outside' in condition) return { inside: condition.outside };
  return { outside: condition.inside };
}
