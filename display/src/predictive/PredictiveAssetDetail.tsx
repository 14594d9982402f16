import { useTranslation } from 'react-i18next';
import { localized } from '../../../shared/browser/locale';
import type { PredictiveAssetView } from '../../../shared/predictive/predictive-asset-view';
import { formatDateTime } from '../app/format';
import { EvidencePanel } from './EvidencePanel';
import { causeList, evidenceText, forecastText, moneyText } from './predictive-words';
import { RepairOrReplace } from './RepairOrReplace';

interface PredictiveAssetDetailProps {
  asset: PredictiveAssetView;
  token: string;
  timezone: string;
  refreshKey: unknown;
  onOpenTicket?: ((ticketId: number) => void) | undefined;
}

/** One asset: its state, the suspected cause and the others, the forecast, the evidence and repair-or-replace. */
export function PredictiveAssetDetail({
  asset,
  token,
  timezone,
  refreshKey,
  onOpenTicket,
}: PredictiveAssetDetailProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const finding = asset.finding;
  const { state, riskScore, moneyAtStake } = asset.outlook;
  return (
    <article className={`pm-detail pm-state-${state}`} data-testid="pm-detail" data-state={state}>
      <h2>
        {localized(asset.name, lang)} · {t(`predictive.state.${state}`)}
      </h2>
      <p className="pm-state-text">
        {t(`predictive.stateText.${state}`, { days: asset.learningDaysLeft ?? 0 })}
      </p>
      {state !== 'learning' ? (
        <p className="pm-risk" data-testid="pm-risk" data-risk={riskScore}>
          {t('predictive.risk', { score: Math.round(riskScore), money: moneyText(moneyAtStake, lang) })}
        </p>
      ) : null}
      {asset.lastVerifiedRepairAt !== null ? (
        <p className="pm-muted">
          {t('predictive.repairedAt', { time: formatDateTime(asset.lastVerifiedRepairAt, timezone, lang) })}
        </p>
      ) : null}
      {finding ? (
        <div className="pm-finding">
          <section>
            <h3>{t('predictive.cause')}</h3>
            <p className="pm-cause" data-cause={finding.cause}>
              {localized(finding.causeName, lang)}
            </p>
            <p className="pm-muted">
              {finding.alsoPossible.length
                ? t('predictive.alsoPossible', { causes: causeList(finding.alsoPossible, lang) })
                : t('predictive.noOther')}
            </p>
            <p className="pm-muted">
              {t('predictive.detectedAt', { time: formatDateTime(finding.detectedAt, timezone, lang) })}
            </p>
            {finding.ticketId !== null ? (
              <button
                type="button"
                className="secondary"
                disabled={!onOpenTicket}
                onClick={() => finding.ticketId !== null && onOpenTicket?.(finding.ticketId)}
              >
                {t('predictive.openTicket', { id: finding.ticketId })}
                {finding.ticketStatus ? ` · ${t(`tickets.status.${finding.ticketStatus}`)}` : ''}
              </button>
            ) : null}
          </section>
          <section>
            <h3>{t('predictive.forecast')}</h3>
            <p className="pm-forecast" data-testid="pm-forecast">
              {forecastText(finding.forecast, t)}
            </p>
            <h3>{t('predictive.action')}</h3>
            <p>{localized(finding.suggestedAction, lang)}</p>
          </section>
          <section className="pm-evidence-list">
            <h3>{t('predictive.evidence')}</h3>
            <ul className="plain-list">
              {finding.evidence.map((e) => (
                <li key={e.feature}>{evidenceText(e, t)}</li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
      {state !== 'learning' ? (
        <EvidencePanel
          equipmentId={asset.equipmentId}
          token={token}
          timezone={timezone}
          refreshKey={refreshKey}
        />
      ) : null}
      {asset.repairOrReplace ? <RepairOrReplace result={asset.repairOrReplace} /> : null}
      {asset.notes.length ? (
        <section className="pm-notes">
          <h3>{t('predictive.notes')}</h3>
          <ul className="plain-list">
            {asset.notes.map((note) => (
              <li key={note.en}>{localized(note, lang)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
