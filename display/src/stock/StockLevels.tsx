import { useTranslation } from 'react-i18next';
import type { StockLevelView, StockOverview } from '../../../shared/api/stock';
import type { StockWords } from './stock-names';

interface StockLevelsProps {
  overview: StockOverview;
  words: StockWords;
}

/** Low first (what runs out), then what nobody counted yet, then the rest as the config lists them. */
function rank(level: StockLevelView): number {
  if (level.low) return 0;
  return level.tracked ? 2 : 1;
}

/**
 * Every ingredient: on hand, projected after what was sold since the count, where it
 * is kept, and whether it is low, in a colour and a word. An ingredient nobody counted
 * says so: it is never shown as 0, which would read as "none left".
 */
export function StockLevels({ overview, words }: StockLevelsProps) {
  const { t } = useTranslation();
  const levels = [...overview.levels].sort((a, b) => rank(a) - rank(b));
  const lowCount = levels.filter((l) => l.low).length;
  const amount = (level: StockLevelView, value: number | null) =>
    value === null ? (
      <span className="stock-untracked">{t('stock.notCounted')}</span>
    ) : (
      words.qty(value, level.baseUnit)
    );
  return (
    <div className="stock-levels">
      <p className={lowCount ? 'stock-summary stock-summary-low' : 'stock-summary'}>
        {lowCount ? t('stock.lowSummary', { count: lowCount }) : t('stock.allStocked')}
      </p>
      <table className="stock-table">
        <thead>
          <tr>
            <th>{t('stock.col.ingredient')}</th>
            <th>{t('stock.col.onHand')}</th>
            <th>{t('stock.col.projected')}</th>
            <th>{t('stock.col.min')}</th>
            <th>{t('stock.col.location')}</th>
            <th>{t('stock.col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((level) => (
            <tr
              key={level.ingredient}
              data-testid={`stock-row-${level.ingredient}`}
              className={`stock-row ${level.low ? 'stock-low' : ''} ${level.tracked ? '' : 'stock-row-untracked'}`}
            >
              <th scope="row">{words.ingredient(level.ingredient)}</th>
              <td className="stock-num">{amount(level, level.onHand)}</td>
              <td className="stock-num">{amount(level, level.projected)}</td>
              <td className="stock-num">{level.min === null ? '—' : words.qty(level.min, level.baseUnit)}</td>
              <td>{words.location(level.location)}</td>
              <td className="stock-state">
                {!level.tracked ? (
                  <span className="stock-badge stock-badge-untracked">{t('stock.notCounted')}</span>
                ) : level.low ? (
                  <span className="stock-badge stock-badge-low">
                    <span aria-hidden="true">⚠ </span>
                    {t('stock.low')}
                  </span>
                ) : (
                  <span className="stock-badge stock-badge-ok">{t('stock.ok')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {overview.portions.length ? (
        <>
          <h2 className="stock-heading">{t('stock.portionsHeading')}</h2>
          <ul className="stock-portions">
            {overview.portions.map((p) => (
              <li key={p.item} data-testid={`stock-portions-${p.item}`}>
                <span className="stock-portions-item">{words.menuItem(p.item)}</span>{' '}
                {p.portions === null ? (
                  <span className="stock-untracked">{t('stock.notCounted')}</span>
                ) : (
                  <span className={p.portions === 0 ? 'stock-portions-none' : ''}>
                    {p.limitedBy
                      ? t('stock.portionsLimited', {
                          count: p.portions,
                          ingredient: words.ingredient(p.limitedBy),
                        })
                      : t('stock.portions', { count: p.portions })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
