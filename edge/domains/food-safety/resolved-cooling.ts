import {
  type CoolingLimit,
  type CoolingSettings,
  expandCoolingProbes,
  type RulePack,
} from '../../../shared/config/food-safety';
import type { StoreConfig } from '../../../shared/config/store-config';
import { allPacks } from './control-points';

/** The cooling limit in force and the probes it may be measured with. */
export interface ResolvedCooling {
  settings: CoolingSettings;
  probes: { equipment: string; metric: string }[];
  pack: RulePack;
  limit: CoolingLimit;
}

/** The config's cooling limit and probes, or null when the store keeps no cooling logs. */
export function resolveCooling(config: StoreConfig): ResolvedCooling | null {
  const settings = config.foodSafety.cooling;
  if (!settings) return null;
  const pack = allPacks(config).find((p) => p.id === settings.pack);
  const limit = pack?.limits.find((l): l is CoolingLimit => l.kind === 'cooling' && l.id === settings.limit);
  // The config's cross-check refuses a cooling section without its limit; this only guards a hand-made config.
  const probes = expandCoolingProbes(settings.probes, config.equipment);
  return pack && limit ? { settings, probes, pack, limit } : null;
}
