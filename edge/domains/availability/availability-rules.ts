import type { UnavailableReason, UnitOutOfService } from '../../../shared/api/menu';
import type { Equipment } from '../../../shared/config/equipment';
import type { MenuItem } from '../../../shared/config/kitchen';

/** What takes a unit out of service: an active critical alarm, or an open out-of-service ticket. */
export interface UnitDown {
  equipmentId: string;
  since: number;
  alarmId?: number;
  alarmTitle?: { en: string; 'zh-CN': string };
  ticketId?: number;
}

export interface ManualStop {
  by: string;
  at: number;
  note?: string;
}

export interface AvailabilityInputs {
  menu: readonly MenuItem[];
  equipment: readonly Pick<Equipment, 'id' | 'type' | 'name'>[];
  /** units out of service now, by equipment id (a unit may be down for several reasons: the earliest counts) */
  down: ReadonlyMap<string, UnitDown>;
  manual: ReadonlyMap<string, ManualStop>;
  /** portions the stock allows; undefined: not tracked (never a reason) */
  stockPortions?: (item: string) => { portions: number; ingredient?: string; since: number } | undefined;
}

/** The capabilities (equipment types) an item needs, its combo parts' included. */
export function capabilitiesOf(item: MenuItem, menu: ReadonlyMap<string, MenuItem>): string[] {
  const needs = new Set(item.needs);
  for (const part of item.components) for (const need of menu.get(part)?.needs ?? []) needs.add(need);
  return [...needs];
}

/**
 * Why each menu item cannot be sold now; an empty list means it can. An item is off while
 * no unit of a capability it needs is in service (a fryer down while another fries is not
 * a reason), while a tracked ingredient has not a portion left, and while someone 86'd it.
 */
export function unavailableReasons(inputs: AvailabilityInputs): Map<string, UnavailableReason[]> {
  const menu = new Map(inputs.menu.map((item) => [item.id, item]));
  const unitsOf = new Map<string, Pick<Equipment, 'id' | 'type' | 'name'>[]>();
  for (const unit of inputs.equipment) {
    const list = unitsOf.get(unit.type) ?? [];
    list.push(unit);
    unitsOf.set(unit.type, list);
  }
  const reasons = new Map<string, UnavailableReason[]>();
  for (const item of inputs.menu) {
    const found: UnavailableReason[] = [];
    for (const capability of capabilitiesOf(item, menu)) {
      const units = unitsOf.get(capability) ?? [];
      const down = units.map((u) => ({ unit: u, down: inputs.down.get(u.id) }));
      if (down.length === 0 || down.some((d) => d.down === undefined)) continue;
      const out: UnitOutOfService[] = down.map(({ unit, down: d }) => ({
        equipmentId: unit.id,
        ...(unit.name ? { name: unit.name } : {}),
        since: d?.since ?? 0,
        ...(d?.alarmId !== undefined ? { alarmId: d.alarmId } : {}),
        ...(d?.alarmTitle ? { alarmTitle: d.alarmTitle } : {}),
        ...(d?.ticketId !== undefined ? { ticketId: d.ticketId } : {}),
      }));
      // The capability went when its last unit went.
      found.push({ kind: 'equipment', capability, units: out, since: Math.max(...out.map((u) => u.since)) });
    }
    const parts = item.components.length > 0 ? item.components : [item.id];
    for (const part of new Set([item.id, ...parts])) {
      const stock = inputs.stockPortions?.(part);
      if (stock && stock.portions < 1) {
        found.push({
          kind: 'stock',
          ...(stock.ingredient ? { ingredient: stock.ingredient } : {}),
          since: stock.since,
        });
        break;
      }
    }
    const manual = inputs.manual.get(item.id);
    if (manual) {
      found.push({
        kind: 'manual',
        by: manual.by,
        since: manual.at,
        ...(manual.note ? { note: manual.note } : {}),
      });
    }
    reasons.set(item.id, found);
  }
  return reasons;
}
