import type { PosOrderReceipt, PosOrderSubmission } from '../../../shared/api/orders';

export interface IntakeOptions {
  /** an export of past trade imported after the fact: recorded, never put on a station */
  backfill?: boolean;
}

/**
 * What a feed needs from the orders room: hand over one event of one integration
 * client. It returns once the event is stored (better-sqlite3 commits synchronously),
 * so a connector acknowledges its POS only after this returns.
 */
export interface OrderIntakePort {
  submit(client: string, submission: PosOrderSubmission, options?: IntakeOptions): PosOrderReceipt;
  /** a body that failed validation, counted against its client */
  refused(client: string, source: string | undefined, detail: string): void;
}
