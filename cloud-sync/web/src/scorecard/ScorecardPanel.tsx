import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Comparison,
  type RegionMedians,
  SCORECARD_FIGURES,
  SCORECARD_ROUTES,
  Scorecard,
  type ScorecardFigureKey,
  type ScorecardWeek,
  type StoreScorecard,
} from '../../../../shared/central/scorecard';
import { type PollOptions, usePoll } from '../app/use-poll';
import { dayText, figureOrWhy, figureText, moneyCurrency } from './scorecard-format';
import { TrendChart } from './TrendChart';
import './scorecard.css';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PERIODS = { d7: 7, d30: 30, d90: 90 } as const;
type Period = keyof typeof PERIODS;

interface ScorecardPanelProps {
  poll: PollOptions;
  now: number;
  /** Only the rows of these regions (all when undefined): the page's region filter. */
  inRegion: <T extends { regionId: string }>(rows: readonly T[] | undefined) => T[];
  onOpenStore: (storeId: string) => void;
}

/** 门店对比: every store's figures beside its region's median, and one store's weekly trend. */
export function ScorecardPanel({ poll, now, inRegion, onOpenStore }: ScorecardPanelProps) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>('d30');
  // Whole hours, so the request (and the poll) changes once an hour, not with every tick.
  const to = Math.ceil(now / HOUR_MS) * HOUR_MS;
  const from = to - PERIODS[period] * DAY_MS;
  const card = usePoll(`${SCORECARD_ROUTES.region}?from=${from}&to=${to}`, Scorecard, poll);
  return (
    <div className="scorecard-board" data-testid="regional-scorecard">
      <h2>{t('scorecard.title')}</h2>
      <p className="muted small">{t('scorecard.hint')}</p>
      <fieldset className="scorecard-periods" aria-label={t('scorecard.period')}>
        {(Object.keys(PERIODS) as Period[]).map((p) => (
          <button
            key={p}
            type="button"
            className={p === period ? 'active' : 'secondary'}
            aria-pressed={p === period}
            onClick={() => setPeriod(p)}
          >
            {t(`scorecard.periods.${p}`)}
          </button>
        ))}
      </fieldset>
      {card.data ? (
        <ScorecardBoard
          card={card.data}
          regions={inRegion(card.data.regions)}
          stores={inRegion(card.data.stores)}
          onOpenStore={onOpenStore}
        />
      ) : card.error ? (
        <p className="error-bar" role="status">
          ⚠ {t('app.unreachable', { message: card.error.message })}
        </p>
      ) : (
        <p className="empty">{t('app.loading')}</p>
      )}
    </div>
  );
}

export function ScorecardBoard({
  card,
  regions,
  stores,
  onOpenStore,
}: {
  card: Scorecard;
  regions: readonly RegionMedians[];
  stores: readonly StoreScorecard[];
  onOpenStore: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [chosen, setChosen] = useState<string | undefined>();
  const shown = stores.find((s) => s.storeId === chosen) ?? stores[0];
  if (stores.length === 0) return <p className="empty">{t('scorecard.none')}</p>;
  return (
    <>
      <p className="muted small" data-period>
        {t('scorecard.range', { from: dayText(card.from, lang), to: dayText(card.to - 1, lang) })}
      </p>
      {regions.map((region) => (
        <section key={region.regionId} data-region={region.regionId}>
          <div className="table-scroll">
            <table className="grid scorecard-table">
              <thead>
                <tr>
                  <th>{t('scorecard.store')}</th>
                  <th className="num">{t('scorecard.units')}</th>
                  {SCORECARD_FIGURES.map((key) => (
                    <th key={key} className="num" title={t(`scorecard.definitions.${key}`)}>
                      {t(`scorecard.figures.${key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr className="median-row" data-median={region.regionId}>
                  <th scope="row" colSpan={2}>
                    {t('scorecard.regionMedian', { region: region.regionName, count: region.openStores })}
                  </th>
                  {SCORECARD_FIGURES.map((key) => {
                    const value = region.medians[key];
                    const currency = moneyCurrency(stores.filter((s) => s.regionId === region.regionId));
                    return (
                      <td key={key} className="num">
                        {value === null ? '—' : figureText(key, value, lang, t, currency)}
                      </td>
                    );
                  })}
                </tr>
                {stores
                  .filter((s) => s.regionId === region.regionId)
                  .map((store) => (
                    <tr
                      key={store.storeId}
                      data-store={store.storeId}
                      className={`${store.storeId === shown?.storeId ? 'chosen' : ''} ${store.state === 'open' ? '' : 'not-open'}`}
                      onClick={() => setChosen(store.storeId)}
                    >
                      <td className="store-cell">
                        <button type="button" className="link" onClick={() => onOpenStore(store.storeId)}>
                          {store.storeName}
                        </button>
                        {store.state === 'open' ? null : (
                          <span className="muted small"> · {t('scorecard.notOpen')}</span>
                        )}
                      </td>
                      <td className="num">{store.units}</td>
                      {SCORECARD_FIGURES.map((key) => (
                        <FigureCell key={key} figureKey={key} store={store} />
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {shown ? (
        <StoreTrend
          store={shown}
          weeks={card.weeks}
          region={regions.find((r) => r.regionId === shown.regionId)}
        />
      ) : null}
      <details className="scorecard-definitions">
        <summary>{t('scorecard.definitionsTitle')}</summary>
        <dl>
          {SCORECARD_FIGURES.map((key) => (
            <div key={key}>
              <dt>{t(`scorecard.figures.${key}`)}</dt>
              <dd>
                {t(`scorecard.definitions.${key}`)}
                {key === 'repairSpend' ? ` ${t('scorecard.repairSpendWhy')}` : null}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}

const MARK: Record<Comparison, string> = { better: '▲', same: '＝', worse: '▼' };

function FigureCell({ figureKey, store }: { figureKey: ScorecardFigureKey; store: StoreScorecard }) {
  const { t, i18n } = useTranslation();
  const figure = store.figures[figureKey];
  const comparison = figure.comparison;
  return (
    <td
      className={`num figure-cell ${figure.value === null ? 'no-data' : ''} ${comparison ?? ''}`}
      data-figure={figureKey}
      data-comparison={comparison ?? 'none'}
      title={comparison ? t(`scorecard.${comparison}`) : undefined}
    >
      {figureOrWhy(figureKey, figure, i18n.language, t)}
      {comparison ? <span className="mark"> {MARK[comparison]}</span> : null}
    </td>
  );
}

function StoreTrend({
  store,
  weeks,
  region,
}: {
  store: StoreScorecard;
  weeks: readonly ScorecardWeek[];
  region: RegionMedians | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const currency = moneyCurrency([store]);
  return (
    <section className="scorecard-trend" data-trend-for={store.storeId}>
      <h3>{t('scorecard.trendTitle', { store: store.storeName })}</h3>
      <p className="muted small">{t('scorecard.trendHint')}</p>
      <div className="trend-grid">
        {SCORECARD_FIGURES.map((key) => (
          <TrendChart
            key={key}
            label={t(`scorecard.figures.${key}`)}
            weeks={weeks}
            store={store.figures[key].trend}
            median={region?.weekly[key] ?? []}
            pointText={(value) => figureText(key, value, lang, t, currency)}
            rangeText={(low, high) =>
              t('scorecard.chartRange', {
                low: figureText(key, low, lang, t, currency),
                high: figureText(key, high, lang, t, currency),
              })
            }
            emptyText={t('scorecard.chartEmpty')}
            firstLabel={first ? t('scorecard.week', { date: dayText(first.from, lang) }) : ''}
            lastLabel={last ? t('scorecard.week', { date: dayText(last.from, lang) }) : ''}
          />
        ))}
      </div>
    </section>
  );
}
