import type { TFunction } from 'i18next';
import type { FigureValue, ScorecardFigureKey, StoreScorecard } from '../../../../shared/central/scorecard';
import { formatMoney } from '../stock/stock-format';

/** How each figure reads: its unit's words and the decimals that mean something for it. */
const FORMAT: Record<ScorecardFigureKey, { words: string; digits: number }> = {
  uptimePct: { words: 'scorecard.formats.pct', digits: 2 },
  alarmsPerUnit: { words: 'scorecard.formats.perUnit', digits: 2 },
  ticketsPerUnit: { words: 'scorecard.formats.perUnit', digits: 2 },
  mttrH: { words: 'scorecard.formats.hours', digits: 1 },
  pmOnTimePct: { words: 'scorecard.formats.pct', digits: 1 },
  repairSpend: { words: 'scorecard.formats.perUnit', digits: 2 },
  energyKwhPerDay: { words: 'scorecard.formats.kwh', digits: 1 },
  foodSafetyPct: { words: 'scorecard.formats.pct', digits: 1 },
};

/** Figures that are money: shown with their currency, like other money on the regional page. */
const MONEY: ReadonlySet<ScorecardFigureKey> = new Set(['repairSpend']);

/**
 * A figure's number in the page's language with its unit, e.g. "98.21 %" / "98.21%";
 * a money figure with its currency when it is known ("¥308.63" / "CN¥308.63").
 */
export function figureText(
  key: ScorecardFigureKey,
  value: number,
  language: string,
  t: TFunction,
  currency?: string | null,
): string {
  const { words, digits } = FORMAT[key];
  const number =
    MONEY.has(key) && currency
      ? formatMoney([{ currency, amount: value }], language)
      : new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  return t(words, { value: number });
}

/** The currency the stores' money figures are in (a region's stores share one); null before any was synced. */
export function moneyCurrency(stores: readonly StoreScorecard[]): string | null {
  for (const store of stores) {
    const currency = store.figures.repairSpend.money?.currency;
    if (currency) return currency;
  }
  return null;
}

/** The figure, or why there is none. */
export function figureOrWhy(
  key: ScorecardFigureKey,
  figure: FigureValue,
  language: string,
  t: TFunction,
): string {
  if (figure.money) return figureText(key, Number(figure.money.perUnit), language, t, figure.money.currency);
  if (figure.value !== null) return figureText(key, figure.value, language, t);
  return t(`scorecard.noData.${figure.noData ?? 'not_synced'}`);
}

/** A day as the page's language writes it, for axis labels and the period. */
export function dayText(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' }).format(ms);
}
