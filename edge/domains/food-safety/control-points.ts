import type { Equipment } from '../../../shared/config/equipment';
import type { Clause, ControlPoint, HoldingLimit, RulePack } from '../../../shared/config/food-safety';
import { builtinPacks, expandControlPoints } from '../../../shared/config/food-safety';
import type { LocalizedText } from '../../../shared/config/localized-text';
import type { Suppression } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import { rulesForEquipment } from '../rules/resolve-rules';

/** A control point with everything the config says about it looked up once. */
export interface ResolvedControlPoint {
  id: string;
  name: LocalizedText;
  equipmentId: string;
  metric: string;
  pack: RulePack;
  limit: HoldingLimit;
  clause: Clause;
  alertDelayMin: number;
  recordEveryMin: number;
  suppression: Suppression | undefined;
}

export function allPacks(config: StoreConfig): RulePack[] {
  return [...builtinPacks(), ...config.foodSafety.packs];
}

/**
 * Out of limit is excused exactly when the equipment's food alarm on the same metric
 * would be quiet (defrost, door open, their recovery, scheduled windows), unless the
 * control point states its own; so the record and the alarm never disagree on defrost.
 */
function inheritedSuppression(
  config: StoreConfig,
  cp: ControlPoint,
  equipment: Equipment,
): Suppression | undefined {
  if (cp.suppress) return cp.suppress;
  const rule = rulesForEquipment(config, equipment).find(
    (r) => r.kind === 'threshold' && r.metric === cp.metric && r.hazard === 'food' && r.suppress,
  );
  return rule?.suppress;
}

/** The config's control points, one per unit, resolved; the config was cross-checked, so lookups hold. */
export function resolveControlPoints(config: StoreConfig): ResolvedControlPoint[] {
  const packs = new Map(allPacks(config).map((p) => [p.id, p]));
  return expandControlPoints(config.foodSafety.controlPoints, config.equipment).flatMap(
    ({ id, entry: cp, unit }): ResolvedControlPoint[] => {
      const pack = packs.get(cp.pack);
      const limit = pack?.limits.find((l): l is HoldingLimit => l.id === cp.limit && l.kind === 'holding');
      const clause = pack?.clauses.find((c) => c.ref === limit?.clause);
      if (!pack || !limit || !clause) return [];
      return [
        {
          id,
          name: cp.name ?? unit.name,
          equipmentId: unit.id,
          metric: cp.metric,
          pack,
          limit,
          clause,
          alertDelayMin: cp.alertDelayMin ?? limit.defaultAlertDelayMin,
          recordEveryMin: cp.recordEveryMin,
          suppression: inheritedSuppression(config, cp, unit),
        },
      ];
    },
  );
}

/** What excuses a control point, for people: `door_open (+600 s)`, `window defrost 03:00–03:30`. */
export function excusedWhile(suppression: Suppression | undefined): string[] {
  if (!suppression) return [];
  return [
    ...suppression.while.map(
      (s) => `${s.metric}${s.value === false ? '=false' : ''}${s.recoveryS ? ` (+${s.recoveryS} s)` : ''}`,
    ),
    ...suppression.windows.map(
      (w) => `window ${w.name} ${w.start}–${w.end}${w.days ? ` ${w.days.join(',')}` : ''}`,
    ),
  ];
}
