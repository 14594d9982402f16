import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Money, VarianceLine } from '../../../shared/api/stock';
import { useEdgeResource } from '../app/use-edge-resource';
import { stockPaths, VarianceReport } from './stock-api';
import { shiftDate, storeDate } from './stock-dates';
import type { StockContext } from './stock-names';
import { formatMoney, withSign } from './stock-quantity';

/**
 * Actual against theoretical usage for one business day (today unless chosen): what
 * the counts say was used (opening + received − closing) next to what the recipes say
 * the sales used, the difference, logged waste, and what nobody can explain, in the
 * ingredient's unit and in money.
 */
export function StockVariance({ ctx, version }: { ctx: StockContext; version: number }) {
  const { t, i18n } = useTranslation();
  const { words } = ctx;
  const today = storeDate(ctx.now, ctx.timezone);
  const [date, setDate] = useState(today);
  const report = useEdgeResource(stockPaths.variance(date), VarianceReport, ctx.person.token, version);
  // The answer for the day before stays until the chosen day's arrives: never show it under the wrong date.
  const shown = report.status === 'ok' && report.data.businessDate === date ? report.data : undefined;
  const money = (m: Money | null) => (m === null ? '—' : withSign(formatMoney(m, i18n.language), m.amount));
  const cell = (line: VarianceLine, value: number | null, signed = false, missing = '—') =>
    value === null
      ? missing
      : signed
        ? withSign(words.qty(value, line.baseUnit), value)
        : words.qty(value, line.baseUnit);

  return (
    <div className="stock-panel">
      <div className="stock-date">
        <button
          type="button"
          className="secondary"
          aria-label={t('stock.variance.dayBefore')}
          onClick={() => setDate(shiftDate(date, -1))}
        >
          ◀
        </button>
        <label className="field">
          <span>{t('stock.variance.businessDate')}</span>
          <input
            type="date"
            value={date}
            max={today}
            onChange={(e) => /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && setDate(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="secondary"
          aria-label={t('stock.variance.dayAfter')}
          disabled={date >= today}
          onClick={() => setDate(shiftDate(date, 1))}
        >
          ▶
        </button>
      </div>
      {report.status !== 'error' && !shown ? <p className="empty">{t('stock.loading')}</p> : null}
      {report.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('stock.failed', { message: report.message })}
        </p>
      ) : null}
      {shown ? (
        shown.lines.length === 0 ? (
          <p className="empty">{t('stock.variance.none')}</p>
        ) : (
          <table className="stock-table stock-variance-table">
            <thead>
              <tr>
                <th>{t('stock.col.ingredient')}</th>
                <th>{t('stock.variance.opening')}</th>
                <th>{t('stock.variance.received')}</th>
                <th>{t('stock.variance.closing')}</th>
                <th>{t('stock.variance.actual')}</th>
                <th>{t('stock.variance.theoretical')}</th>
                <th>{t('stock.variance.variance')}</th>
                <th>{t('stock.variance.waste')}</th>
                <th>{t('stock.variance.net')}</th>
                <th>{t('stock.variance.varianceCost')}</th>
                <th>{t('stock.variance.netCost')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.lines.map((line) => (
                <tr
                  key={line.ingredient}
                  data-testid={`stock-variance-${line.ingredient}`}
                  className={line.netVariance !== null && line.netVariance > 0 ? 'stock-variance-loss' : ''}
                >
                  <th scope="row">{words.ingredient(line.ingredient)}</th>
                  <td className="stock-num">{cell(line, line.opening, false, t('stock.notCounted'))}</td>
                  <td className="stock-num">{cell(line, line.received)}</td>
                  <td className="stock-num">{cell(line, line.closing, false, t('stock.notCounted'))}</td>
                  <td className="stock-num">{cell(line, line.actualUsage)}</td>
                  <td className="stock-num">{cell(line, line.theoreticalUsage)}</td>
                  <td className="stock-num">{cell(line, line.variance, true)}</td>
                  <td className="stock-num">{cell(line, line.waste)}</td>
                  <td className="stock-num">{cell(line, line.netVariance, true)}</td>
                  <td className="stock-num">{money(line.cost.variance)}</td>
                  <td className="stock-num">{money(line.cost.netVariance)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="stock-variance-totals">
                <th scope="row" colSpan={9}>
                  {t('stock.variance.totals', { waste: formatMoney(shown.totals.waste, i18n.language) })}
                </th>
                <td className="stock-num">{money(shown.totals.variance)}</td>
                <td className="stock-num">{money(shown.totals.netVariance)}</td>
              </tr>
            </tfoot>
          </table>
        )
      ) : null}
      <p className="dialog-sub">{t('stock.variance.explain')}</p>
    </div>
  );
}
