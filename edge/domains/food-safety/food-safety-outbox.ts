import type {
  ChainHeadEvent,
  CoolingBatchView,
  CorrectiveActionView,
  ExcursionView,
} from '../../../shared/api/food-safety';
import type { CheckRecordView } from '../../../shared/api/food-safety-checks';
import type { TimeBatchView } from '../../../shared/api/food-safety-time';
import { FOOD_SAFETY_DAY_EVENT, type FoodSafetyDayPayload } from '../../../shared/central/food-safety-api';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import type { ChainHead } from './record-chain';

/**
 * Food-safety events for central, appended inside the transaction of the records they
 * report. The chain head goes with every transaction that adds records, so central
 * always holds a hash the box's past must still lead to.
 */
export class FoodSafetyOutbox {
  readonly #writer: OutboxWriter;

  constructor(db: Database, storeId: string) {
    this.#writer = new OutboxWriter(db, storeId);
  }

  chainHead(head: ChainHead): void {
    const payload: ChainHeadEvent = { seq: head.seq, hash: head.hash.toString('hex'), at: head.at };
    this.#writer.append({
      type: 'food_safety.chain_head',
      entityId: this.#writer.storeId,
      ts: head.at,
      payload,
    });
  }

  excursion(ts: number, payload: ExcursionView): void {
    this.#writer.append({ type: 'food_safety.excursion', entityId: payload.id, ts, payload });
  }

  /** A control point's store day, once its last record is written (shared/central/food-safety-api.ts). */
  day(ts: number, payload: FoodSafetyDayPayload): void {
    this.#writer.append({
      type: FOOD_SAFETY_DAY_EVENT,
      entityId: `${payload.controlPointId}/${payload.day}`,
      ts,
      payload,
    });
  }

  correctiveAction(ts: number, payload: CorrectiveActionView): void {
    this.#writer.append({ type: 'food_safety.corrective_action', entityId: payload.id, ts, payload });
  }

  /** Each version of a batch held under time as the control. */
  timeBatch(ts: number, payload: TimeBatchView): void {
    this.#writer.append({ type: 'food_safety.time_batch', entityId: payload.id, ts, payload });
  }

  /** A manual check's record: a value measured, or a slot missed. */
  check(ts: number, payload: CheckRecordView): void {
    this.#writer.append({ type: 'food_safety.check', entityId: payload.id, ts, payload });
  }

  /** Each version of a cooling batch: started, cooling began, a stage passed, failed or warned, discarded. */
  cooling(ts: number, payload: CoolingBatchView): void {
    this.#writer.append({ type: 'food_safety.cooling', entityId: payload.id, ts, payload });
  }
}
