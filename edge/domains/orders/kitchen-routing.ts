import type { OrderLine, PosOrder } from '../../../shared/api/orders';
import type { KitchenSettings, MenuItem } from '../../../shared/config/kitchen';

/** What a kitchen line shows besides its quantity; compared between versions to mark a change. */
export interface RoutedLineDetail {
  modifiers: { id: string; item: string; allergy: boolean }[];
  note?: string;
  seat?: number;
  partOf?: string;
  movedFrom?: { externalId: string; lineId: string };
  allergy: boolean;
}

/** One order line as one station makes it. */
export interface RoutedLine {
  station: string;
  /** the order line's id; a combo's part `{lineId}/{item}` */
  key: string;
  /** the order line it comes from */
  lineId: string;
  item: string;
  qty: number;
  course: number;
  prepS: number;
  expo: boolean;
  detail: RoutedLineDetail;
}

/** Words in a note that make it an allergy note, in both languages the kitchen reads. */
const ALLERGY_WORDS =
  /allerg|过敏|nut|peanut|gluten|celiac|coeliac|shellfish|dairy|lactose|麸质|坚果|花生|乳糖|海鲜/i;

/**
 * The kitchen's view of an order: which station makes what. A combo is made by the
 * stations of its items (one kitchen line per part, keyed `{lineId}/{item}`), every line
 * also goes to each expo station as the guest ordered it, and an item the menu does not
 * know goes to `unknownItemStation` (and expo) so that nothing the POS sends is lost.
 */
export class KitchenRouting {
  readonly #items: Map<string, MenuItem>;
  readonly #modifiers: Map<string, { prepDeltaS: number; allergy: boolean }>;
  readonly #expo: string[];
  readonly #unknownItemStation: string | undefined;

  constructor(kitchen: KitchenSettings) {
    this.#items = new Map(kitchen.menu.map((item) => [item.id, item]));
    this.#modifiers = new Map(kitchen.modifiers.map((m) => [m.id, m]));
    this.#expo = kitchen.stations.filter((s) => s.kind === 'expo').map((s) => s.id);
    this.#unknownItemStation = kitchen.unknownItemStation;
  }

  route(order: PosOrder): RoutedLine[] {
    return order.lines.flatMap((line) => this.#routeLine(line));
  }

  #routeLine(line: OrderLine): RoutedLine[] {
    const item = this.#items.get(line.item);
    const modifiers = line.modifiers.map((m) => ({
      id: m.id,
      item: m.item,
      allergy: this.#modifiers.get(m.item)?.allergy ?? false,
    }));
    const modifierDeltaS = line.modifiers.reduce(
      (sum, m) => sum + (this.#modifiers.get(m.item)?.prepDeltaS ?? 0),
      0,
    );
    const detail: RoutedLineDetail = {
      modifiers,
      ...(line.note !== undefined ? { note: line.note } : {}),
      ...(line.seat !== undefined ? { seat: line.seat } : {}),
      ...(line.movedFrom ? { movedFrom: line.movedFrom } : {}),
      allergy: modifiers.some((m) => m.allergy) || (line.note !== undefined && ALLERGY_WORDS.test(line.note)),
    };
    const course = line.course ?? item?.course ?? 1;
    const prepOf = (part: MenuItem | undefined) => Math.max(0, (part?.prepS ?? 0) + modifierDeltaS);
    const made: RoutedLine[] = [];
    const parts = item && item.components.length > 0 ? item.components : undefined;
    if (parts) {
      for (const partId of parts) {
        const part = this.#items.get(partId);
        for (const station of part?.stations ?? []) {
          made.push({
            station,
            key: `${line.lineId}/${partId}`,
            lineId: line.lineId,
            item: partId,
            qty: line.qty,
            course,
            prepS: prepOf(part),
            expo: false,
            detail: { ...detail, partOf: line.item },
          });
        }
      }
    } else {
      const stations = item ? item.stations : this.#unknownItemStation ? [this.#unknownItemStation] : [];
      for (const station of stations) {
        made.push({
          station,
          key: line.lineId,
          lineId: line.lineId,
          item: line.item,
          qty: line.qty,
          course,
          prepS: prepOf(item),
          expo: false,
          detail,
        });
      }
    }
    const longest = made.reduce((max, m) => Math.max(max, m.prepS), 0);
    for (const station of this.#expo) {
      made.push({
        station,
        key: line.lineId,
        lineId: line.lineId,
        item: line.item,
        qty: line.qty,
        course,
        prepS: longest,
        expo: true,
        detail,
      });
    }
    return made;
  }
}
