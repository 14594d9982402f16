import type { CheckRecordView } from '../../../shared/api/food-safety-checks';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { Database } from '../../store/database';
import { CheckStore } from '../food-safety/check-store';
import { allPacks } from '../food-safety/control-points';
import { FoodSafetyOutbox } from '../food-safety/food-safety-outbox';
import { checkRecordView, measureJson, toCc } from '../food-safety/food-safety-views';
import { RecordChain } from '../food-safety/record-chain';
import { coldHoldingLimit } from './cold-limit';

/** The `check_id` prefix of a delivery temperature recorded at receiving (收货验温). */
export const RECEIVING_CHECK = 'receiving';

/** The receipt a line came in on. */
export interface ReceivingContext {
  orderId: number;
  supplier: string;
  receiptId: number;
  /** the supplier's delivery note */
  ref: string;
  at: number;
  /** who received, and the witness when there was one */
  by: string;
  witnessedBy: string | null;
}

/** A receipt line as the service checked it: what was entered, and the order line's item. */
export interface ReceivedLine {
  input: { qty: string; deliveryTempC?: number | undefined };
  line: { line: number; item: string; chilled: number };
}

/** A chilled line the receiver sent back, with what the probe read at delivery. */
export interface RejectedChilledLine extends ReceivingContext {
  line: number;
  item: string;
  tempC: number;
}

/**
 * The food-safety record of a chilled delivery refused for its temperature: a HACCP
 * receiving check in the store's hash chain (`food_safety_checks`, the manual checks'
 * table, so the record is verified, reported and synced like every other probed value),
 * with the measured temperature, the cold-holding limit and clause it broke, supplier,
 * order, delivery note and who received. The line itself was the corrective action (sent
 * back whole), so no corrective action is opened. The caller holds the transaction: the
 * receipt, the record, the chain head and their outbox events commit together.
 */
export class ReceiptFoodSafety {
  readonly #checks: CheckStore;
  readonly #chain: RecordChain;
  readonly #outbox: FoodSafetyOutbox;

  constructor(db: Database, storeId: string) {
    this.#chain = new RecordChain(db, storeId);
    this.#checks = new CheckStore(db, this.#chain);
    this.#outbox = new FoodSafetyOutbox(db, storeId);
  }

  /** Every chilled line of a receipt accepted at zero with a delivery temperature above the cold limit. */
  recordRejected(
    config: StoreConfig,
    receipt: ReceivingContext,
    lines: readonly ReceivedLine[],
  ): CheckRecordView[] {
    const recorded: CheckRecordView[] = [];
    for (const { input, line } of lines) {
      if (line.chilled !== 1 || input.deliveryTempC === undefined || Number(input.qty) !== 0) continue;
      const view = this.recordIfTooWarm(config, {
        ...receipt,
        line: line.line,
        item: line.item,
        tempC: input.deliveryTempC,
      });
      if (view) recorded.push(view);
    }
    return recorded;
  }

  /**
   * Records the line when it was delivered above the cold-holding limit; a line rejected
   * for another reason, or a store without a cold limit, leaves nothing (the receipt
   * refuses chilled goods it cannot check).
   */
  recordIfTooWarm(config: StoreConfig, rejected: RejectedChilledLine): CheckRecordView | undefined {
    const cold = coldHoldingLimit(config);
    if (!cold || rejected.tempC <= cold.limit.tempC) return undefined;
    const pack = allPacks(config).find((p) => p.id === cold.pack);
    const who = rejected.witnessedBy ? `${rejected.by} (witness ${rejected.witnessedBy})` : rejected.by;
    const row = this.#checks.append(rejected.at, {
      // One check id per order line: a line rejected twice is two records at two times.
      check_id: `${RECEIVING_CHECK}/po-${rejected.orderId}/line-${rejected.line}`,
      equipment_id: null,
      slot_at: rejected.at,
      closes_at: rejected.at,
      pack: cold.pack,
      pack_edition: pack?.source.edition ?? '',
      limit_id: cold.limit.id,
      clause: cold.clause.ref,
      measure: measureJson({ kind: 'temperature', bound: 'at_most', tempC: cold.limit.tempC }),
      status: 'done',
      value_cc: toCc(rejected.tempC),
      in_limit: 0,
      by: rejected.by,
      note:
        `rejected at receiving: purchase order #${rejected.orderId} line ${rejected.line} (${rejected.item}), ` +
        `supplier ${rejected.supplier}, delivery note ${rejected.ref}, goods receipt #${rejected.receiptId}, ` +
        `received by ${who} / 收货拒收：采购订单 #${rejected.orderId} 第 ${rejected.line} 行（${rejected.item}），` +
        `供应商 ${rejected.supplier}，送货单 ${rejected.ref}`,
      at: rejected.at,
    });
    const view = checkRecordView(
      row,
      {
        en: `Delivery temperature: ${rejected.item} from ${rejected.supplier} (PO #${rejected.orderId})`,
        'zh-CN': `到货温度：${rejected.item}，供应商 ${rejected.supplier}（采购订单 #${rejected.orderId}）`,
      },
      null,
    );
    this.#outbox.check(rejected.at, view);
    this.#outbox.chainHead(this.#chain.head());
    return view;
  }
}
