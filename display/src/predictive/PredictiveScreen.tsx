import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../shared/browser/locale';
import type { PersonSession } from '../auth/person-session';
import { PredictiveAssetDetail } from './PredictiveAssetDetail';
import './predictive.css';
import { assetOrder } from './predictive-words';
import { predictiveAccess, usePredictiveAssets } from './use-predictive';

export interface PredictiveScreenProps {
  person: PersonSession | undefined;
  /** the person for an action, asking for a PIN first when nobody is (App's `asPerson`) */
  signIn: (action: string) => Promise<PersonSession>;
  timezone: string;
  /** opened from an equipment's detail: that asset first */
  equipmentId?: string | undefined;
  onOpenTicket?: (ticketId: number) => void;
  pollMs?: number;
}

/**
 * 预测维护 on the kitchen display: every watched cold box and fryer with its state
 * (learning with days left, normal, drifting, finding); a tap opens the cause, the
 * forecast, the evidence against the unit's own baseline and repair-or-replace.
 */
export function PredictiveScreen({
  person,
  signIn,
  timezone,
  equipmentId,
  onOpenTicket,
  pollMs = 60_000,
}: PredictiveScreenProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const access = predictiveAccess(person);
  const { resource } = usePredictiveAssets(access, pollMs);
  const [chosen, setChosen] = useState<string | undefined>(equipmentId);

  const head = (
    <div className="pm-top">
      <h1 className="pm-title">{t('predictive.title')}</h1>
      <p className="pm-muted">{t('predictive.intro')}</p>
    </div>
  );
  if (access.kind !== 'allowed')
    return (
      <section className="pm-screen" data-testid="pm-screen">
        {head}
        {access.kind === 'refused' ? (
          <p className="dialog-error notice" role="alert">
            {t('predictive.notAllowed', { name: access.name })}
          </p>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void signIn(t('predictive.signInAction')).catch(() => undefined)}
          >
            {t('predictive.signIn')}
          </button>
        )}
      </section>
    );
  if (resource.status !== 'ok')
    return (
      <section className="pm-screen" data-testid="pm-screen">
        {head}
        {resource.status === 'error' ? (
          <p className="dialog-error notice" role="alert">
            {t('predictive.failed', { message: resource.message })}
          </p>
        ) : (
          <p className="empty">{t('predictive.loading')}</p>
        )}
      </section>
    );

  const assets = assetOrder(resource.data, lang);
  const selected = assets.find((a) => a.equipmentId === chosen) ?? assets[0];
  return (
    <section className="pm-screen" data-testid="pm-screen">
      {head}
      {chosen && !assets.some((a) => a.equipmentId === chosen) ? (
        <p className="notice">{t('predictive.notWatched', { name: chosen })}</p>
      ) : null}
      {assets.length === 0 ? (
        <p className="empty">{t('predictive.none')}</p>
      ) : (
        <div className="pm-body">
          <ul className="pm-list" aria-label={t('predictive.all')}>
            {assets.map((a) => (
              <li key={a.equipmentId}>
                <button
                  type="button"
                  className={`pm-item pm-state-${a.outlook.state} ${a === selected ? 'active' : ''}`}
                  aria-current={a === selected}
                  data-equipment-id={a.equipmentId}
                  onClick={() => setChosen(a.equipmentId)}
                >
                  <span className="pm-item-name">{localized(a.name, lang)}</span>
                  <span className="pm-badge">
                    {t(`predictive.state.${a.outlook.state}`)}
                    {a.outlook.state === 'learning' && a.learningDaysLeft !== null
                      ? ` · ${t('duration.days', { count: Math.ceil(a.learningDaysLeft) })}`
                      : ''}
                    {a.finding ? ` · ${localized(a.finding.causeName, lang)}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {selected ? (
            <PredictiveAssetDetail
              asset={selected}
              token={access.token}
              timezone={timezone}
              refreshKey={resource.data}
              onOpenTicket={onOpenTicket}
            />
          ) : null}
        </div>
      )}
    </section>
  );
}
