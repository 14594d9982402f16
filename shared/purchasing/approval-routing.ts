import Decimal from 'decimal.js';
import type { LocalizedText } from '../localized-text';
import { type ApprovalLevel, type ApprovalSettings, ApprovalSettings as Settings } from './approval-config';

export type ApprovalCategory = 'ingredient' | 'part';

export interface ApprovalRoutingInput {
  /** gross estimate as decimal text; null when no supplier lists the item (then every money level decides) */
  amount: string | null;
  category: ApprovalCategory;
  newSupplier: boolean;
  newItem: boolean;
  /** every role the requester holds (store or central role names) */
  requesterRoles: readonly string[];
}

export interface ApprovalStepPlan {
  level: ApprovalLevel;
  why: LocalizedText;
}

/**
 * Which roles decide a level; holding one makes the requester unfit to approve it. Central
 * roles are named `central:<role>`: a store's own 财务 is not the region's finance level.
 */
export const LEVEL_HOLDERS: Record<ApprovalLevel, readonly string[]> = {
  manager: ['manager', 'admin'],
  regional_purchaser: ['central:regional_purchaser'],
  regional_manager: ['central:regional_manager'],
  finance: ['central:finance'],
};

/** The money ladder: a level the requester may not take goes to the next one up. */
const LADDER: readonly ApprovalLevel[] = ['manager', 'regional_manager', 'finance'];
/** The order steps are taken in: the store first, the purchasing check, then money upwards. */
const ORDER: readonly ApprovalLevel[] = ['manager', 'regional_purchaser', 'regional_manager', 'finance'];

/**
 * The ordered approval levels of one purchase request. Pure: the same input always
 * routes the same way, so the box and a test agree on who decides.
 *
 * - amount ≤ the manager's limit → 店长; ≤ the regional manager's → both; above → finance too
 *   (a category's own thresholds replace the general ones);
 * - a new supplier or a new item adds the regional purchaser;
 * - a level the requester holds cannot be theirs to approve (requester_approves): it
 *   moves up the ladder to the next level, or disappears when that one is already there.
 */
export function routeApproval(
  input: ApprovalRoutingInput,
  settings: ApprovalSettings = Settings.parse(undefined),
): ApprovalStepPlan[] {
  const limits = settings.categories[input.category] ?? settings.thresholds;
  const amount = input.amount === null ? null : new Decimal(input.amount);
  const shown = amount === null ? '?' : `¥${amount.toFixed(2)}`;
  const plan = new Map<ApprovalLevel, LocalizedText>();
  plan.set('manager', {
    en: `every purchase request is approved by the store manager (${shown})`,
    'zh-CN': `每笔采购申请须经店长审批（${shown}）`,
  });
  if (amount === null || amount.greaterThan(limits.manager))
    plan.set('regional_manager', {
      en:
        amount === null
          ? 'no supplier lists the item, so its amount is unknown'
          : `${shown} is above the store manager's ¥${limits.manager}`,
      'zh-CN':
        amount === null ? '没有供应商提供该物品，金额未知' : `${shown} 超过店长审批额度 ¥${limits.manager}`,
    });
  if (amount === null || amount.greaterThan(limits.regional_manager))
    plan.set('finance', {
      en:
        amount === null
          ? 'no supplier lists the item, so its amount is unknown'
          : `${shown} is above the regional manager's ¥${limits.regional_manager}`,
      'zh-CN':
        amount === null
          ? '没有供应商提供该物品，金额未知'
          : `${shown} 超过区域经理审批额度 ¥${limits.regional_manager}`,
    });
  if (input.newSupplier || input.newItem) {
    const what = input.newSupplier
      ? { en: 'a new supplier', zh: '新供应商' }
      : { en: 'a new item', zh: '新物品' };
    plan.set('regional_purchaser', {
      en: `${what.en}: the regional purchaser checks it`,
      'zh-CN': `${what.zh}：须经区域采购审核`,
    });
  }
  for (const level of ORDER) {
    const why = plan.get(level);
    if (!why || !holds(input.requesterRoles, level)) continue;
    plan.delete(level);
    const up = nextUp(level, input.requesterRoles);
    if (up && !plan.has(up))
      plan.set(up, {
        en: `the requester holds the ${level} level and may not approve their own request`,
        'zh-CN': `申请人本人具有${LEVEL_NAMES[level]['zh-CN']}权限，不能审批自己的申请`,
      });
  }
  return ORDER.flatMap((level) => {
    const why = plan.get(level);
    return why ? [{ level, why }] : [];
  });
}

function holds(roles: readonly string[], level: ApprovalLevel): boolean {
  return roles.some((role) => LEVEL_HOLDERS[level].includes(role));
}

/** The next money level up that the requester does not hold themselves. */
function nextUp(level: ApprovalLevel, roles: readonly string[]): ApprovalLevel | undefined {
  const from =
    level === 'regional_purchaser' ? LADDER.indexOf('regional_manager') - 1 : LADDER.indexOf(level);
  return LADDER.slice(from + 1).find((up) => !holds(roles, up));
}

export const LEVEL_NAMES: Record<ApprovalLevel, LocalizedText> = {
  manager: { en: 'store manager', 'zh-CN': '店长' },
  regional_purchaser: { en: 'regional purchaser', 'zh-CN': '区域采购' },
  regional_manager: { en: 'regional manager', 'zh-CN': '区域经理' },
  finance: { en: 'finance', 'zh-CN': '财务' },
};
