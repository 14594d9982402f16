import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import {
  type AssetRanking,
  PREDICTIVE_ROUTES,
  type RegionalAsset,
  RegionalAssetList,
} from '../../../../shared/central/predictive-api';
import { CAUSE_NAMES } from '../../../../shared/predictive/predictive-causes';
import { type PollOptions, usePoll } from '../app/use-poll';
import { exactMoney, hoursText } from './predictive-format';

interface PredictivePanelProps {
  poll: PollOptions;
  /** Only the rows of these regions (all when undefined): the page's region filter. */
  inRegion: <T extends { regionId: string }>(rows: readonly T[] | undefined) => T[];
  onOpenStore: (storeId: string) => void;
}

/** 预测维护 for the region: its watched assets ranked by risk and, beside, by money at stake. */
export function PredictivePanel({ poll, inRegion, onOpenStore }: PredictivePanelProps) {
  const { t } = useTranslation();
  const byRisk = usePoll(`${PREDICTIVE_ROUTES.assets}?sort=risk`, RegionalAssetList, poll);
  const byMoney = usePoll(`${PREDICTIVE_ROUTES.assets}?sort=money`, RegionalAssetList, poll);
  if (!byRisk.data || !byMoney.data) return <p className="empty">{t('app.loading')}</p>;
  return (
    <PredictiveBoard
      rankings={[
        ['risk', inRegion(byRisk.data.assets), byRisk.data.total],
        ['money', inRegion(byMoney.data.assets), byMoney.data.total],
      ]}
      onOpenStore={onOpenStore}
    />
  );
}

export function PredictiveBoard({
  rankings,
  onOpenStore,
}: {
  rankings: readonly [AssetRanking, readonly RegionalAsset[], number][];
  onOpenStore: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="predictive-board" data-testid="regional-predictive">
      <h2>{t('predictive.title')}</h2>
      <p className="muted small">{t('predictive.hint')}</p>
      {rankings.map(([sort, assets, total]) => (
        <section key={sort} data-ranking={sort}>
          <h3>
            {t(sort === 'risk' ? 'predictive.byRisk' : 'predictive.byMoney')}{' '}
            <span className="muted small">{t('predictive.shown', { shown: assets.length, total })}</span>
          </h3>
          {assets.length === 0 ? (
            <p className="empty">{t('predictive.none')}</p>
          ) : (
            <table className="grid">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>{t('predictive.store')}</th>
                  <th>{t('predictive.equipment')}</th>
                  <th>{t('predictive.state')}</th>
                  <th>{t('predictive.cause')}</th>
                  <th>{t('predictive.forecast')}</th>
                  <th className="num">{t('predictive.risk')}</th>
                  <th className="num">{t('predictive.money')}</th>
                  <th>{t('predictive.advice')}</th>
                </tr>
              </thead>
              <tbody>
                {assets.map((a, index) => {
                  const o = a.outlook;
                  return (
                    <tr key={`${a.storeId}/${o.equipmentId}`} data-asset={`${a.storeId}/${o.equipmentId}`}>
                      <td className="num">{index + 1}</td>
                      <td>
                        <button
                          type="button"
                          className="link store-link"
                          onClick={() => onOpenStore(a.storeId)}
                        >
                          {a.storeName}
                        </button>
                      </td>
                      <td>{a.equipmentName ? localized(a.equipmentName, lang) : o.equipmentId}</td>
                      <td className={`pm-state pm-state-${o.state}`}>{t(`predictive.states.${o.state}`)}</td>
                      <td>{o.cause ? localized(CAUSE_NAMES[o.cause], lang) : t('predictive.noCause')}</td>
                      <td>
                        {o.forecastHours === null
                          ? t('predictive.noForecast')
                          : t('predictive.forecastRange', {
                              hours: hoursText(o.forecastHours),
                              low: hoursText(o.forecastLowHours ?? o.forecastHours),
                              high: hoursText(o.forecastHighHours ?? o.forecastHours),
                            })}
                      </td>
                      <td className="num">{Math.round(o.riskScore)}</td>
                      <td className="num">{exactMoney(o.moneyAtStake)}</td>
                      <td>
                        {o.prescriptive
                          ? t(`predictive.advices.${o.prescriptive.recommendation}`)
                          : t('predictive.noAdvice')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
