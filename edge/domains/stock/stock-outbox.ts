import type {
  StockLevelEvent,
  StockLowEvent,
  StockPurchaseView,
  VarianceReport,
} from '../../../shared/api/stock';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';

/**
 * Stock events for central, appended inside the transaction of the change, each
 * payload typed by its contract in shared/api/stock.ts.
 */
export class StockOutbox {
  readonly #writer: OutboxWriter;

  constructor(db: Database, storeId: string) {
    this.#writer = new OutboxWriter(db, storeId);
  }

  level(ref: string, ts: number, payload: StockLevelEvent): void {
    this.#writer.append({ type: 'stock.level', entityId: ref, ts, payload });
  }

  low(ts: number, payload: StockLowEvent): void {
    this.#writer.append({ type: 'stock.low', entityId: payload.ingredient, ts, payload });
  }

  variance(ts: number, payload: VarianceReport): void {
    this.#writer.append({ type: 'stock.variance', entityId: payload.businessDate, ts, payload });
  }

  purchase(ts: number, payload: StockPurchaseView): void {
    this.#writer.append({ type: 'stock.purchase', entityId: payload.id, ts, payload });
  }
}
