import type { KdsSetupView, KdsStationView } from '../../../shared/api/kds';
import { localized } from '../../../shared/browser/locale';

/** Names from the setup in the language on screen; an id the setup does not know shows as itself. */
export interface KdsNames {
  item(id: string): string;
  modifier(id: string): string;
  /** a modifier the menu flags as an allergy */
  isAllergy(modifierId: string): boolean;
  station(id: string): string;
  stationView(id: string): KdsStationView | undefined;
}

export function kdsNames(setup: KdsSetupView | undefined, language: string): KdsNames {
  const items = new Map(setup?.items.map((i) => [i.id, i]) ?? []);
  const modifiers = new Map(setup?.modifiers.map((m) => [m.id, m]) ?? []);
  const stations = new Map(setup?.stations.map((s) => [s.id, s]) ?? []);
  return {
    item: (id) => {
      const found = items.get(id);
      return found ? localized(found.name, language) : id;
    },
    modifier: (id) => {
      const found = modifiers.get(id);
      return found ? localized(found.name, language) : id;
    },
    isAllergy: (id) => modifiers.get(id)?.allergy ?? false,
    station: (id) => {
      const found = stations.get(id);
      return found ? localized(found.name, language) : id;
    },
    stationView: (id) => stations.get(id),
  };
}

/**
 * The stations a chained ticket can have come from: those whose `next` is this one.
 * The ticket does not say which (see the report on the contract), so all are named.
 */
export function chainedFrom(setup: KdsSetupView | undefined, station: string): KdsStationView[] {
  return setup?.stations.filter((s) => s.next === station) ?? [];
}
