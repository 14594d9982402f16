import type { z } from 'zod';
import { crossCheckManualChecks } from './food-safety-checks';
import { builtinPacks } from './food-safety-rule-pack';
import { crossCheckTimeControl } from './food-safety-time-control';

type Path = (string | number)[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Control points name real equipment (or types), a °C metric of its type, and a holding
 * limit of a known pack; the control points they make are unique and store packs do not
 * shadow built-in ones. Runs on the raw parse, so every access is guarded.
 */
export function crossCheckFoodSafety(
  foodSafety: unknown,
  config: { equipment: readonly { id?: unknown; type?: unknown }[]; equipmentTypes: Record<string, unknown> },
  ctx: z.RefinementCtx,
): void {
  if (!isObject(foodSafety)) return;
  const issue = (path: Path, message: string) =>
    ctx.addIssue({ code: 'custom', path: ['foodSafety', ...path], message });
  const packs = new Map<string, unknown[]>();
  for (const pack of builtinPacks()) packs.set(pack.id, pack.limits);
  const storePacks = Array.isArray(foodSafety.packs) ? foodSafety.packs.filter(isObject) : [];
  storePacks.forEach((pack, i) => {
    if (typeof pack.id !== 'string') return;
    if (packs.has(pack.id))
      issue(['packs', i, 'id'], `pack "${pack.id}" is already defined (built-in or above)`);
    else packs.set(pack.id, Array.isArray(pack.limits) ? pack.limits : []);
  });
  const seen = new Map<string, Path>();
  const points = Array.isArray(foodSafety.controlPoints) ? foodSafety.controlPoints.filter(isObject) : [];
  points.forEach((cp, i) => {
    const metric = typeof cp.metric === 'string' ? cp.metric : 'temp_c';
    const named = typeof cp.equipment === 'string' ? cp.equipment : undefined;
    const types = Array.isArray(cp.types) ? cp.types.filter((t): t is string => typeof t === 'string') : [];
    const units = named
      ? config.equipment.filter((e) => e.id === named)
      : config.equipment.filter((e) => typeof e.type === 'string' && types.includes(e.type));
    if (named && units.length === 0) issue(['controlPoints', i, 'equipment'], `unknown equipment "${named}"`);
    for (const unit of units) {
      const id = named ? String(cp.id) : `${String(unit.id)}-${String(cp.id)}`;
      const clash = seen.get(id);
      if (clash)
        issue(['controlPoints', i, 'id'], `control point "${id}" is also made by ${clash.join('.')}`);
      seen.set(id, ['controlPoints', i]);
    }
    const checkedTypes = named ? units.map((u) => u.type) : types;
    for (const type of new Set(checkedTypes)) {
      const profile = typeof type === 'string' ? config.equipmentTypes[type] : undefined;
      if (!isObject(profile) || !isObject(profile.metrics)) continue;
      const m = profile.metrics[metric];
      if (!isObject(m))
        issue(['controlPoints', i, 'metric'], `"${metric}" is not a metric of ${String(type)}`);
      else if (m.kind === 'boolean' || m.unit !== '°C')
        issue(['controlPoints', i, 'metric'], `"${metric}" of ${String(type)} is not a temperature in °C`);
    }
    if (typeof cp.pack !== 'string') return;
    const limits = packs.get(cp.pack);
    if (!limits) {
      issue(
        ['controlPoints', i, 'pack'],
        `unknown pack "${cp.pack}"; known: ${[...packs.keys()].join(', ')}`,
      );
      return;
    }
    const limit = limits.filter(isObject).find((l) => l.id === cp.limit);
    if (typeof cp.limit === 'string' && !limit)
      issue(['controlPoints', i, 'limit'], `pack "${cp.pack}" has no limit "${cp.limit}"`);
    else if (limit && limit.kind !== 'holding')
      issue(
        ['controlPoints', i, 'limit'],
        `"${cp.limit}" is a ${String(limit.kind)} limit; equipment is held under a holding limit`,
      );
  });
  crossCheckCooling(foodSafety.cooling, packs, config, issue);
  crossCheckManualChecks(foodSafety.checks, packs, config, issue);
  crossCheckTimeControl(foodSafety.timeControl, packs, issue);
}

/** Cooling names a cooling limit of a known pack, and probes that are °C metrics of real units. */
function crossCheckCooling(
  cooling: unknown,
  packs: Map<string, unknown[]>,
  config: { equipment: readonly { id?: unknown; type?: unknown }[]; equipmentTypes: Record<string, unknown> },
  issue: (path: Path, message: string) => void,
): void {
  if (!isObject(cooling)) return;
  if (typeof cooling.pack === 'string') {
    const limits = packs.get(cooling.pack);
    const limit = limits?.filter(isObject).find((l) => l.id === cooling.limit);
    if (!limits)
      issue(['cooling', 'pack'], `unknown pack "${cooling.pack}"; known: ${[...packs.keys()].join(', ')}`);
    else if (typeof cooling.limit === 'string' && !limit)
      issue(['cooling', 'limit'], `pack "${cooling.pack}" has no limit "${cooling.limit}"`);
    else if (limit && limit.kind !== 'cooling')
      issue(
        ['cooling', 'limit'],
        `"${String(cooling.limit)}" is a ${String(limit.kind)} limit, not a cooling one`,
      );
  }
  const probes = Array.isArray(cooling.probes) ? cooling.probes : [];
  probes.forEach((probe, i) => {
    if (!isObject(probe)) return;
    const named = typeof probe.equipment === 'string' ? probe.equipment : undefined;
    const types = Array.isArray(probe.types)
      ? probe.types.filter((t): t is string => typeof t === 'string')
      : [];
    const units = named
      ? config.equipment.filter((e) => e.id === named)
      : config.equipment.filter((e) => typeof e.type === 'string' && types.includes(e.type));
    if (named && units.length === 0)
      issue(['cooling', 'probes', i, 'equipment'], `unknown equipment "${named}"`);
    const metric = typeof probe.metric === 'string' ? probe.metric : 'temp_c';
    for (const type of new Set(named ? units.map((u) => u.type) : types)) {
      const profile = typeof type === 'string' ? config.equipmentTypes[type] : undefined;
      if (!isObject(profile) || !isObject(profile.metrics)) continue;
      const m = profile.metrics[metric];
      if (!isObject(m))
        issue(['cooling', 'probes', i, 'metric'], `"${metric}" is not a metric of ${String(type)}`);
      else if (m.kind === 'boolean' || m.unit !== '°C')
        issue(
          ['cooling', 'probes', i, 'metric'],
          `"${metric}" of ${String(type)} is not a temperature in °C`,
        );
    }
  });
}
