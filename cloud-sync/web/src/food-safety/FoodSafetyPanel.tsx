import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FOOD_SAFETY_ROUTES,
  FoodSafetyOverview,
  type RegionFoodSafety,
  type StoreFoodSafety,
  type TamperAlert,
  TamperAlertList,
} from '../../../../shared/central/food-safety-api';
import { type PollOptions, usePoll } from '../app/use-poll';
import { formatAgo, formatDateTime, formatDuration } from '../format/time';
import { formatCompliance, LOW_COMPLIANCE_PCT, lastSevenDays, shortHash } from './food-safety-format';
import { StoreFoodSafetyPanel } from './StoreFoodSafety';
import './food-safety.css';

interface FoodSafetyPanelProps {
  poll: PollOptions;
  now: number;
  /** Only the rows of these regions (all when undefined): the page's region filter. */
  inRegion: <T extends { regionId: string }>(rows: readonly T[] | undefined) => T[];
  onOpenStore: (storeId: string) => void;
}

/** 食品安全: compliance, corrective actions and record-chain state of the region's stores, worst first. */
export function FoodSafetyPanel({ poll, now, inRegion, onOpenStore }: FoodSafetyPanelProps) {
  const { t } = useTranslation();
  const { from, to, listsTo } = lastSevenDays(now);
  const path = useMemo(() => `${FOOD_SAFETY_ROUTES.overview}?from=${from}&to=${to}`, [from, to]);
  const overview = usePoll(path, FoodSafetyOverview, poll);
  const alerts = usePoll(FOOD_SAFETY_ROUTES.tamperAlerts, TamperAlertList, poll);
  const [chosenId, choose] = useState<string | undefined>();
  if (!overview.data || !alerts.data) return <p className="empty">{t('app.loading')}</p>;
  const stores = inRegion(overview.data.stores);
  // The worst store's lists until another is chosen: what needs looking at first.
  const chosen = stores.find((s) => s.storeId === chosenId) ?? stores[0];
  return (
    <div className="food-safety">
      <FoodSafetyBoard
        stores={stores}
        regions={inRegion(overview.data.regions)}
        alerts={inRegion(alerts.data.alerts)}
        now={now}
        chosenId={chosen?.storeId}
        onChoose={choose}
      />
      {chosen ? (
        <StoreFoodSafetyPanel
          storeId={chosen.storeId}
          storeName={chosen.storeName}
          from={from}
          to={listsTo}
          poll={poll}
          now={now}
          onOpenStore={onOpenStore}
        />
      ) : null}
    </div>
  );
}

interface FoodSafetyBoardProps {
  /** worst first, as central sorts them */
  stores: readonly StoreFoodSafety[];
  regions: readonly RegionFoodSafety[];
  alerts: readonly TamperAlert[];
  now: number;
  chosenId?: string | undefined;
  onChoose: (storeId: string) => void;
}

export function FoodSafetyBoard({ stores, regions, alerts, now, chosenId, onChoose }: FoodSafetyBoardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <>
      <section data-testid="food-safety-stores">
        <h2>{t('foodSafety.title')}</h2>
        <p className="muted small">{t('foodSafety.hint')}</p>
        {stores.length === 0 ? (
          <p className="empty">{t('foodSafety.none')}</p>
        ) : (
          <table className="grid food-safety-stores">
            <thead>
              <tr>
                <th>{t('foodSafety.store')}</th>
                <th>{t('foodSafety.chain')}</th>
                <th className="num">{t('foodSafety.compliance')}</th>
                <th className="num">{t('foodSafety.daysFailed')}</th>
                <th>{t('foodSafety.openActions')}</th>
                <th className="num">{t('foodSafety.missedChecks')}</th>
                <th className="num">{t('foodSafety.excursions')}</th>
                <th className="num">{t('foodSafety.cooling')}</th>
              </tr>
            </thead>
            <tbody>
              {stores.map((store) => (
                <StoreRow
                  key={store.storeId}
                  store={store}
                  now={now}
                  chosen={store.storeId === chosenId}
                  onChoose={onChoose}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section data-testid="food-safety-alerts">
        <h2>{t('foodSafety.alertsTitle')}</h2>
        <p className="muted small">{t('foodSafety.alertsHint')}</p>
        {alerts.length === 0 ? (
          <p className="empty">{t('foodSafety.noAlerts')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('foodSafety.store')}</th>
                <th>{t('foodSafety.what')}</th>
                <th>{t('foodSafety.heads')}</th>
                <th>{t('foodSafety.detectedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <tr
                  key={`${alert.storeId}/${alert.earlier.eventSeq}/${alert.later.eventSeq}`}
                  data-testid={`tamper-${alert.storeId}-${alert.later.eventSeq}`}
                  className="row-critical"
                >
                  <td>
                    {alert.storeName}
                    <span className="muted small"> {alert.storeId}</span>
                  </td>
                  <td>
                    <strong>{t(`foodSafety.alertKind.${alert.kind}`)}</strong>
                  </td>
                  <td>
                    <span title={`${alert.earlier.hash}\n${alert.later.hash}`}>
                      {t('foodSafety.alertHeads', {
                        earlierSeq: alert.earlier.seq,
                        earlierHash: shortHash(alert.earlier.hash),
                        laterSeq: alert.later.seq,
                        laterHash: shortHash(alert.later.hash),
                      })}
                    </span>
                  </td>
                  <td>{alert.detectedAt === null ? '—' : formatDateTime(alert.detectedAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {regions.length > 0 ? (
        <section data-testid="food-safety-regions">
          <h2>{t('foodSafety.regionsTitle')}</h2>
          <table className="grid">
            <thead>
              <tr>
                <th>{t('foodSafety.region')}</th>
                <th className="num">{t('foodSafety.stores')}</th>
                <th className="num">{t('foodSafety.compliance')}</th>
                <th className="num">{t('foodSafety.daysFailed')}</th>
                <th className="num">{t('foodSafety.openActions')}</th>
                <th className="num">{t('foodSafety.tamperedStores')}</th>
              </tr>
            </thead>
            <tbody>
              {regions.map((region) => (
                <tr key={region.regionId} data-testid={`food-safety-region-${region.regionId}`}>
                  <td>{region.regionName}</td>
                  <td className="num">{region.stores}</td>
                  <td className="num">
                    <ComplianceFigure pct={region.compliance.compliancePct} language={language} />
                  </td>
                  <td className="num">{region.compliance.daysFailed}</td>
                  <td className="num">
                    {region.openActions}
                    {region.overdueActions > 0 ? (
                      <span className="tag critical">
                        {t('foodSafety.overdue', { count: region.overdueActions })}
                      </span>
                    ) : null}
                  </td>
                  <td className={`num ${region.tamperedStores > 0 ? 'tone-critical' : ''}`}>
                    {region.tamperedStores}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

function StoreRow({
  store,
  now,
  chosen,
  onChoose,
}: {
  store: StoreFoodSafety;
  now: number;
  chosen: boolean;
  onChoose: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { compliance: c } = store;
  return (
    <tr
      data-testid={`food-safety-store-${store.storeId}`}
      className={[store.chain.status === 'tampered' ? 'row-critical' : '', chosen ? 'row-current' : ''].join(
        ' ',
      )}
      aria-current={chosen ? true : undefined}
    >
      <td>
        <button
          type="button"
          className="link store-link"
          aria-label={t('foodSafety.show', { name: store.storeName })}
          onClick={() => onChoose(store.storeId)}
        >
          {store.storeName}
        </button>
        <span className="muted small"> {store.storeId}</span>
      </td>
      <td data-chain={store.chain.status}>
        <ChainCell chain={store.chain} now={now} />
      </td>
      <td className="num">
        {c.compliancePct === null ? (
          <span className="muted">{t('foodSafety.noDays')}</span>
        ) : (
          <ComplianceFigure pct={c.compliancePct} language={i18n.language} />
        )}
      </td>
      <td className={`num ${c.daysFailed > 0 ? 'tone-critical' : ''}`}>
        {c.storeDays === 0 ? '—' : t('foodSafety.ofDays', { failed: c.daysFailed, days: c.storeDays })}
      </td>
      <td>
        {store.openActions === 0 || store.oldestOpenSince === null ? (
          <span className="muted">{t('foodSafety.actionsNone')}</span>
        ) : (
          <>
            {t('foodSafety.actionsOpen', {
              count: store.openActions,
              age: formatDuration((now - store.oldestOpenSince) / 1000, t),
            })}
            {store.overdueActions > 0 ? (
              <span className="tag critical">{t('foodSafety.overdue', { count: store.overdueActions })}</span>
            ) : null}
            {store.escalatedToCentral > 0 ? (
              <span className="tag escalation">
                {t('foodSafety.toCentral', { count: store.escalatedToCentral })}
              </span>
            ) : null}
          </>
        )}
      </td>
      <td className={`num ${c.missedChecks > 0 ? 'tone-warning' : ''}`}>{c.missedChecks}</td>
      <td className="num">
        {c.excursions}
        {store.openExcursions > 0 ? (
          <span className="tag warning">
            {t('foodSafety.openExcursions', { count: store.openExcursions })}
          </span>
        ) : null}
      </td>
      <td className="num" data-testid={`cooling-figures-${store.storeId}`}>
        {store.cooling.batches}
        {store.cooling.failed > 0 ? (
          <span className="tag critical">
            {t('foodSafety.coolingFailed', { count: store.cooling.failed })}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

/** The chain's state in words, so it reads the same printed in black and white. */
function ChainCell({ chain, now }: { chain: StoreFoodSafety['chain']; now: number }) {
  const { t } = useTranslation();
  const status = (
    <span className={`chain-status ${chain.status}`}>{t(`foodSafety.chainStatus.${chain.status}`)}</span>
  );
  if (chain.status === 'tampered')
    return (
      <>
        {status} <span className="chain-note">{t('foodSafety.chainAlerts', { count: chain.alerts })}</span>
      </>
    );
  if (chain.headSeq === null || chain.headAt === null) return status;
  return (
    <>
      {status}{' '}
      <span className="chain-note muted">
        {t('foodSafety.chainHead', { seq: chain.headSeq, age: formatAgo(now - chain.headAt, t) })}
      </span>
    </>
  );
}

function ComplianceFigure({ pct, language }: { pct: number | null; language: string }) {
  const low = pct !== null && pct < LOW_COMPLIANCE_PCT;
  return <strong className={low ? 'tone-warning' : undefined}>{formatCompliance(pct, language)}</strong>;
}
