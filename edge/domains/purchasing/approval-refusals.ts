import { PartsError } from '../parts/parts-errors';
import { DutiesSegregated, StockError } from '../stock/stock-errors';
import { ApprovalRefused } from './approval-errors';

/**
 * The gate's refusals said in each room's own errors, so each room's routes answer them
 * as they answer their own: a segregation breach as the audited 403, the rest as 409.
 */
export function stockRefusal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof ApprovalRefused)) throw err;
    if (err.rule) throw new DutiesSegregated(err.rule, err.messages);
    throw new StockError('PURCHASE_ILLEGAL_TRANSITION', err.message, [], [], err.messages);
  }
}

/** Parts answer 409 for a step not theirs to take; a segregation breach stays an ApprovalRefused for the audit. */
export function partsRefusal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof ApprovalRefused) || err.rule) throw err;
    throw new PartsError('PURCHASE_ILLEGAL_TRANSITION', `${err.messages.en} / ${err.messages['zh-CN']}`);
  }
}
