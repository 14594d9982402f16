import { z } from 'zod';
import type { LocalizedText } from './localized-text';

/**
 * Segregation of duties (职责分离), as rules the edge enforces rather than advice: along a
 * purchase, the person who took one step may not take the step that checks it. Each
 * rule names the earlier step, the later one, and why, in both languages.
 */
export const DutyStep = z.enum(['request', 'approve', 'order', 'receive', 'approve_payment']);
export type DutyStep = z.infer<typeof DutyStep>;

export const SegregationRule = z.enum([
  'requester_approves',
  'orderer_receives_alone',
  'receiver_approves_payment',
]);
export type SegregationRule = z.infer<typeof SegregationRule>;

export interface SegregatedDuty {
  rule: SegregationRule;
  /** the step taken first */
  earlier: DutyStep;
  /** the step the same person may not take after it */
  later: DutyStep;
  /** true: the same person may take it with a second person signing too (two-person rule) */
  allowedWithWitness: boolean;
  why: LocalizedText;
}

export const SEGREGATED_DUTIES: readonly SegregatedDuty[] = [
  {
    rule: 'requester_approves',
    earlier: 'request',
    later: 'approve',
    allowedWithWitness: false,
    why: {
      en: 'whoever requested a purchase may not approve it: someone else must',
      'zh-CN': '采购申请人不能审批自己的申请，须由他人审批',
    },
  },
  {
    rule: 'orderer_receives_alone',
    earlier: 'order',
    later: 'receive',
    allowedWithWitness: true,
    why: {
      en: 'whoever ordered goods may not receive them alone: a second person must sign the receipt',
      'zh-CN': '下单人不能独自收货，须由第二人共同签收',
    },
  },
  {
    rule: 'receiver_approves_payment',
    earlier: 'receive',
    later: 'approve_payment',
    allowedWithWitness: false,
    why: {
      en: 'whoever received the goods may not approve paying for them: someone else must',
      'zh-CN': '收货人不能审批该笔付款，须由他人审批',
    },
  },
];

/** A step taken on a document, by whom. */
export interface DutyTaken {
  step: DutyStep;
  by: string;
}

/** The step about to be taken, by whom, and who else signs it, if anyone does. */
export interface DutyAttempt extends DutyTaken {
  witnessedBy?: string | undefined;
}

export interface SegregationBreach {
  rule: SegregationRule;
  /** why, in both languages, with the document named */
  messages: LocalizedText;
}

/**
 * The first rule the attempt would break given the steps already taken on the same
 * document, or undefined when it keeps every duty apart. Where a rule allows a witness,
 * one counts only when it is somebody other than the one acting.
 */
export function segregationBreach(
  taken: readonly DutyTaken[],
  attempt: DutyAttempt,
  documentName: LocalizedText,
): SegregationBreach | undefined {
  for (const duty of SEGREGATED_DUTIES) {
    if (duty.later !== attempt.step) continue;
    const earlier = taken.find((step) => step.step === duty.earlier && step.by === attempt.by);
    if (!earlier) continue;
    const witnessed =
      duty.allowedWithWitness && attempt.witnessedBy !== undefined && attempt.witnessedBy !== attempt.by;
    if (witnessed) continue;
    return {
      rule: duty.rule,
      messages: {
        en: `${documentName.en}: ${attempt.by} may not do this: ${duty.why.en}`,
        'zh-CN': `${documentName['zh-CN']}：${attempt.by} 不能执行此操作：${duty.why['zh-CN']}`,
      },
    };
  }
  return undefined;
}
