import type { StockLevelView } from '../../../shared/api/stock';
import { fromThousandths, toThousandths } from '../../../shared/quantity';
import { isTracked } from './movement-recorder';
import type { StockItem } from './stock-items';
import type { LevelRow } from './stock-ledger';

/** A stock item's level as the API shows it; untracked is null, never 0. */
export function levelView(item: StockItem, row: LevelRow | undefined): StockLevelView {
  const tracked = isTracked(row);
  const projected = tracked ? row.projected_milli : null;
  return {
    ingredient: item.id,
    name: item.name,
    baseUnit: item.baseUnit,
    location: item.location,
    tracked,
    onHand: tracked ? fromThousandths(row.on_hand_milli) : null,
    projected: projected === null ? null : fromThousandths(projected),
    min: item.min ?? null,
    max: item.max ?? null,
    low: projected !== null && item.min !== undefined && projected < toThousandths(item.min),
    lowAlerted: row?.low_alerted === 1,
    lastCountAt: row?.last_count_at ?? null,
  };
}
