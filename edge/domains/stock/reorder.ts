import type { Ingredient } from '../../../shared/config/stock';

export interface ReorderQuantity {
  /** max − projected, thousandths */
  needMilli: number;
  pack: { id: string; sizeMilli: number } | undefined;
  packs: number | undefined;
  /** what to order, thousandths of the base unit */
  qtyMilli: number;
}

/**
 * What brings projected stock back to par, rounded to whole order packs by the
 * ingredient's policy; nothing while projected is at or above the minimum, or when
 * rounding down leaves nothing to order. Integer thousandths throughout.
 */
export function reorderQuantity(
  ingredient: Pick<Ingredient, 'min' | 'max' | 'packs' | 'orderPack' | 'roundPolicy'>,
  projectedMilli: number,
  toMilli: (value: number) => number,
): ReorderQuantity | undefined {
  if (ingredient.min === undefined || ingredient.max === undefined) return undefined;
  if (projectedMilli >= toMilli(ingredient.min)) return undefined;
  const needMilli = toMilli(ingredient.max) - projectedMilli;
  const chosen = ingredient.packs.find((p) => p.id === ingredient.orderPack) ?? ingredient.packs[0];
  if (!chosen)
    return needMilli > 0 ? { needMilli, pack: undefined, packs: undefined, qtyMilli: needMilli } : undefined;
  const sizeMilli = toMilli(chosen.size);
  const whole = Math.floor(needMilli / sizeMilli);
  const rest = needMilli - whole * sizeMilli;
  const packs =
    ingredient.roundPolicy === 'down'
      ? whole
      : ingredient.roundPolicy === 'up'
        ? whole + (rest > 0 ? 1 : 0)
        : whole + (2 * rest >= sizeMilli ? 1 : 0);
  if (packs <= 0) return undefined;
  return { needMilli, pack: { id: chosen.id, sizeMilli }, packs, qtyMilli: packs * sizeMilli };
}
