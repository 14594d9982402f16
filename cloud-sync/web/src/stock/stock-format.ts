import type { TFunction } from 'i18next';
import type { UnavailableReason } from '../../../../shared/api/menu';
import type { Money } from '../../../../shared/api/stock';
import { localized } from '../../../../shared/browser/locale';
import type { LocalizedText } from '../../../../shared/localized-text';
import { catalogName, equipmentTypeName } from '../names/names';

/**
 * Why an item is off the menu, in words: "Fryer out of service: Fryer 1 (Oil too hot)";
 * an ingredient by the name its store gave it (`ingredientNames`), else by its id.
 */
export function reasonInWords(
  reason: UnavailableReason,
  language: string,
  t: TFunction,
  ingredientNames: Readonly<Record<string, LocalizedText>> = {},
): string {
  if (reason.kind === 'stock')
    return reason.ingredient
      ? t('stock.reason.stockOf', {
          ingredient: catalogName(ingredientNames[reason.ingredient], reason.ingredient, language),
        })
      : t('stock.reason.stock');
  if (reason.kind === 'manual')
    return reason.note
      ? t('stock.reason.manualNote', { by: reason.by, note: reason.note })
      : t('stock.reason.manual', { by: reason.by });
  const units = reason.units.map((unit) => {
    const name = unit.name ? localized(unit.name, language) : unit.equipmentId;
    if (unit.alarmTitle)
      return t('stock.reason.unitWithAlarm', { unit: name, alarm: localized(unit.alarmTitle, language) });
    if (unit.ticketId !== undefined)
      return t('stock.reason.unitWithAlarm', {
        unit: name,
        alarm: t('stock.reason.ticket', { id: unit.ticketId }),
      });
    return name;
  });
  const capability =
    equipmentTypeName({ type: reason.capability, typeLabel: null }, language, t) ?? reason.capability;
  return t('stock.reason.equipment', { capability, units: units.join(language === 'zh-CN' ? '、' : ', ') });
}

export function formatMoney(money: readonly Money[], language: string): string {
  return money
    .map(({ currency, amount }) => {
      try {
        return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
      } catch {
        // A currency code Intl does not know is shown as sent.
        return `${amount.toFixed(2)} ${currency}`;
      }
    })
    .join(' + ');
}

/** A quantity as the store counts it: up to three decimals, no trailing zeros. */
export function formatQuantity(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 3 }).format(value);
}

/** A quantity with the unit its store counts it in, when central knows it: "380.5 g". */
export function formatStock(
  value: number,
  unit: string | null | undefined,
  language: string,
  t: TFunction,
): string {
  const quantity = formatQuantity(value, language);
  return unit ? `${quantity} ${t(`stock.unit.${unit}`, { defaultValue: unit })}` : quantity;
}

/** Portions lost, as the store priced them: to a tenth (the store counts thousandths). */
export function formatPortions(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}
