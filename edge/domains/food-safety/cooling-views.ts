import type { CoolingBatchView, QuantityUnit } from '../../../shared/api/food-safety';
import type { CoolingRow } from './cooling-store';
import { parseStages } from './cooling-store';
import { fromCc } from './food-safety-views';

/** What a batch's view shows besides its record: none of it is recorded. */
export type CoolingLive = Pick<CoolingBatchView, 'latest' | 'projection' | 'title'>;

export function coolingView(row: CoolingRow, live: CoolingLive): CoolingBatchView {
  return {
    id: row.batch_id,
    seq: row.seq,
    amends: row.amends,
    change: row.change as CoolingBatchView['change'],
    product: row.product,
    quantity:
      row.qty_milli === null || row.qty_unit === null
        ? null
        : { amount: row.qty_milli / 1000, unit: row.qty_unit as QuantityUnit },
    equipmentId: row.equipment_id,
    metric: row.metric,
    pack: row.pack,
    packEdition: row.pack_edition,
    limitId: row.limit_id,
    clause: row.clause,
    fromC: fromCc(row.from_cc),
    startedAt: row.started_at,
    t0: row.t0,
    state: row.state as CoolingBatchView['state'],
    stages: parseStages(row.stages).map((s) => ({
      toC: fromCc(s.to_cc),
      withinMin: s.within_min,
      deadline: row.t0 === null ? null : row.t0 + s.within_min * 60_000,
      result: s.result,
      at: s.at,
      valueC: s.cc === null ? null : fromCc(s.cc),
      warnedAt: s.warned_at,
      projectedAt: s.projected_at,
    })),
    actionId: row.action_id,
    by: row.by,
    note: row.note,
    at: row.at,
    ...live,
  };
}
