import type { LocalizedText } from '../../../../shared/localized-text';

export type FoodSafetyReportErrorCode =
  | 'CONTROL_POINT_NOT_FOUND'
  /** `batch=` names no cooling batch started in the range */
  | 'BATCH_NOT_FOUND'
  /** parameters that cannot go together */
  | 'QUERY_INVALID'
  /** from/to unreadable, reversed or too far apart */
  | 'RANGE_INVALID'
  /** the CJK font the PDF is set in is not installed */
  | 'FONT_MISSING';

/** Thrown low, answered by the route; the message carries both languages, `messages` each alone. */
export class FoodSafetyReportError extends Error {
  constructor(
    readonly code: FoodSafetyReportErrorCode,
    readonly messages: LocalizedText,
  ) {
    super(`${messages.en} / ${messages['zh-CN']}`);
    this.name = 'FoodSafetyReportError';
  }
}
