import { type StockBatchRequest, StockBatchView } from '../../../../shared/api/stock';
import { requestEdge } from '../../api/edge-client';

export const BATCHES_PATH = '/api/stock/batches';

/** A batch made, recorded under the person who made it (anyone logged in, as waste). */
export function postBatch(request: StockBatchRequest, token: string) {
  return requestEdge(BATCHES_PATH, StockBatchView, { method: 'POST', token, body: request });
}
