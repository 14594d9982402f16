import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreInfo } from '../../../shared/api/store';
import { useEdgeResource } from '../app/use-edge-resource';
import type { PersonSession } from '../auth/person-session';
import { StockBatches } from './batches/StockBatches';
import { StockCount } from './StockCount';
import { StockDelivery } from './StockDelivery';
import { StockLevels } from './StockLevels';
import { StockPurchases } from './StockPurchases';
import { StockReorder } from './StockReorder';
import { StockVariance } from './StockVariance';
import { StockWaste } from './StockWaste';
import { MenuNames, StockOverview, stockPaths } from './stock-api';
import { type StockContext, stockWords } from './stock-names';
import { stockProblem } from './stock-problem';

export const STOCK_TABS = [
  'levels',
  'count',
  'waste',
  'delivery',
  'variance',
  'reorder',
  'purchases',
] as const;
export type StockTab = (typeof STOCK_TABS)[number];

/** The panels' test ids (`stock-count`, …); the levels are the screen itself. */
const TEST_IDS: Record<StockTab, string> = {
  levels: 'stock-levels',
  count: 'stock-count',
  waste: 'stock-waste',
  delivery: 'stock-delivery',
  variance: 'stock-variance',
  reorder: 'stock-reorder',
  purchases: 'stock-purchases',
};

/** Tab names; purchase requests keep every string of theirs under `stock.purchases`. */
const TAB_LABELS: Partial<Record<StockTab, string>> = { purchases: 'stock.purchases.tab' };

export interface StockScreenProps {
  /** who is logged in at the display: stock is read by a person, never by the display alone */
  person: PersonSession | undefined;
  /** the person for an action, asking for a PIN first when nobody is (App's `asPerson`) */
  signIn: (action: string) => Promise<PersonSession>;
  users: StoreInfo['users'];
  timezone: string;
  now: number;
}

/**
 * The stock room on the kitchen display (库存): levels, counts, waste, goods received,
 * the day's variance, reorders and the purchase requests they become (采购申请). The edge
 * lets only people read stock, so the screen asks who is there first; what each action
 * needs (a manager for counts, deliveries, reorders and purchase decisions, anyone for
 * waste) the edge checks again.
 */
export function StockScreen({ person, signIn, users, timezone, now }: StockScreenProps) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<StockTab>('levels');
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | undefined>();
  const overview = useEdgeResource(
    person ? stockPaths.overview : undefined,
    StockOverview,
    person?.token,
    version,
  );
  const menu = useEdgeResource(person ? stockPaths.menu : undefined, MenuNames, undefined);

  if (!person) {
    return (
      <section className="stock-screen" data-testid="stock-screen" aria-label={t('stock.title')}>
        <h1 className="stock-title">{t('stock.title')}</h1>
        <p className="empty">{t('stock.loginFirst')}</p>
        {problem ? (
          <p className="dialog-error notice" role="alert">
            {problem}
          </p>
        ) : null}
        <button
          type="button"
          className="primary"
          onClick={() => {
            setProblem(undefined);
            signIn(t('stock.viewAction')).catch((err: unknown) => setProblem(stockProblem(err, t)));
          }}
        >
          {t('stock.login')}
        </button>
      </section>
    );
  }

  const data = overview.status === 'ok' ? overview.data : undefined;
  const ctx: StockContext | undefined = data
    ? {
        overview: data,
        person,
        signIn,
        users,
        timezone,
        now,
        changed: () => setVersion((v) => v + 1),
        words: stockWords(data, menu.status === 'ok' ? menu.data : [], users, t, i18n.language),
      }
    : undefined;

  return (
    <section className="stock-screen" data-testid="stock-screen" aria-label={t('stock.title')}>
      <h1 className="stock-title">{t('stock.title')}</h1>
      <nav className="stock-tabs" aria-label={t('stock.sections')}>
        {STOCK_TABS.map((name) => (
          <button
            key={name}
            type="button"
            className={`nav-button ${tab === name ? 'active' : ''}`}
            aria-current={tab === name}
            onClick={() => setTab(name)}
          >
            {t(TAB_LABELS[name] ?? `stock.tab.${name}`)}
          </button>
        ))}
      </nav>
      {overview.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('stock.failed', { message: overview.message })}
        </p>
      ) : null}
      {!ctx && overview.status !== 'error' ? <p className="empty">{t('stock.loading')}</p> : null}
      {ctx ? (
        <div data-testid={TEST_IDS[tab]} className={`stock-section stock-section-${tab}`}>
          {tab === 'levels' ? <StockLevels overview={ctx.overview} words={ctx.words} /> : null}
          {tab === 'levels' ? <StockBatches ctx={ctx} /> : null}
          {tab === 'count' ? <StockCount ctx={ctx} /> : null}
          {tab === 'waste' ? <StockWaste ctx={ctx} /> : null}
          {tab === 'delivery' ? <StockDelivery ctx={ctx} /> : null}
          {tab === 'variance' ? <StockVariance ctx={ctx} version={version} /> : null}
          {tab === 'reorder' ? <StockReorder ctx={ctx} version={version} /> : null}
          {tab === 'purchases' ? <StockPurchases ctx={ctx} version={version} /> : null}
        </div>
      ) : null}
    </section>
  );
}
