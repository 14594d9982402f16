import type { HoldingLimit } from '../../../shared/config/food-safety';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import { allPacks } from '../food-safety/control-points';

export interface ColdLimit {
  pack: string;
  limit: HoldingLimit;
  /** the clause as the pack numbers it and its title */
  clause: { ref: string; title: LocalizedText };
}

/**
 * The cold-holding limit chilled deliveries are held to: the first control point of the
 * store whose limit is a cold (at most, above 0 °C) holding limit, from that pack. A
 * store without one has no chilled limit to check against, which refuses chilled receipts.
 */
export function coldHoldingLimit(config: StoreConfig): ColdLimit | undefined {
  const packs = allPacks(config);
  for (const point of config.foodSafety.controlPoints) {
    const pack = packs.find((p) => p.id === point.pack);
    const limit = pack?.limits.find((l) => l.id === point.limit);
    if (!pack || limit?.kind !== 'holding' || limit.bound !== 'at_most' || limit.tempC < 0) continue;
    const clause = pack.clauses.find((c) => c.ref === limit.clause);
    return { pack: pack.id, limit, clause: { ref: limit.clause, title: clause?.title ?? limit.title } };
  }
  return undefined;
}
