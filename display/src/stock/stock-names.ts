import type { TFunction } from 'i18next';
import type { ItemAvailability } from '../../../shared/api/menu';
import type { StockLevelView, StockOverview } from '../../../shared/api/stock';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import type { BaseUnit } from '../../../shared/config/stock';
import type { PersonSession } from '../auth/person-session';
import { formatQuantity } from './stock-quantity';

/** What every stock panel is given: the levels, who is here, and how to say things. */
export interface StockContext {
  overview: StockOverview;
  /** the logged-in person (the screen shows nothing without one) */
  person: PersonSession;
  /** the person for an action: the one logged in, or a PIN first */
  signIn: (action: string) => Promise<PersonSession>;
  users: StoreInfo['users'];
  timezone: string;
  now: number;
  /** something changed on the edge: read the levels again */
  changed: () => void;
  words: StockWords;
}

export interface StockWords {
  ingredient: (id: string) => string;
  menuItem: (id: string) => string;
  person: (userId: string) => string;
  unit: (unit: BaseUnit) => string;
  /** "1,250 g" */
  qty: (value: number, unit: BaseUnit) => string;
  location: (id: string) => string;
}

export function stockWords(
  overview: StockOverview,
  menu: readonly ItemAvailability[],
  users: StoreInfo['users'],
  t: TFunction,
  language: string,
): StockWords {
  const levels = new Map(overview.levels.map((l) => [l.ingredient, l]));
  const items = new Map(menu.map((i) => [i.item, i]));
  const unit = (u: BaseUnit) => t(`stock.unit.${u}`);
  return {
    ingredient: (id) => {
      const level = levels.get(id);
      return level ? localized(level.name, language) : id;
    },
    menuItem: (id) => {
      const item = items.get(id);
      return item ? localized(item.name, language) : id;
    },
    person: (userId) => users.find((u) => u.id === userId)?.name ?? userId,
    unit,
    qty: (value, u) => `${formatQuantity(value, language)} ${unit(u)}`,
    location: (id) => (id === '' ? t('stock.allLocations') : id),
  };
}

/** The locations ingredients are kept in, in the order the config first names them. */
export function locationsOf(levels: readonly StockLevelView[]): string[] {
  return [...new Set(levels.map((l) => l.location))];
}
