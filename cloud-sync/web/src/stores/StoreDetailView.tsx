import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import {
  CENTRAL_ROUTES,
  type CentralEquipment,
  centralPath,
  StoreDetail,
} from '../../../../shared/central/api';
import { type PollOptions, usePoll } from '../app/use-poll';
import { agedSince, formatDateTime, formatLag, isLagging } from '../format/time';
import { TicketsTable } from '../tickets/TicketsTable';
import { CommissioningPanel } from './CommissioningPanel';
import { ConfigVersions } from './ConfigVersions';
import { EquipmentList } from './EquipmentList';
import { LastHeard } from './LastHeard';
import { SeverityCounts } from './SeverityCounts';
import { StoreStateChip } from './StoreStateChip';
import { StoreStatePanel } from './StoreStatePanel';
import { summarizeConfig } from './store-order';

interface StoreDetailViewProps {
  storeId: string;
  poll: PollOptions;
  now: number;
  onBack: () => void;
}

/** An alarm's equipment named as the store detail knows it. */
function equipmentNameIn(
  equipment: readonly CentralEquipment[],
  equipmentId: string,
  language: string,
): string {
  const found = equipment.find((e) => e.equipmentId === equipmentId);
  return found?.localName ? localized(found.localName, language) : (found?.name ?? equipmentId);
}

export function StoreDetailView({ storeId, poll, now, onBack }: StoreDetailViewProps) {
  const { t, i18n } = useTranslation();
  const { data, fetchedAt, error } = usePoll(
    centralPath(CENTRAL_ROUTES.store, { storeId }),
    StoreDetail,
    poll,
  );
  const back = (
    <button type="button" className="link back" onClick={onBack}>
      ← {t('detail.back')}
    </button>
  );
  if (error?.code === 'not_found') {
    return (
      <section className="store-detail">
        {back}
        <p className="empty">{t('detail.notFound')}</p>
      </section>
    );
  }
  if (!data || fetchedAt === undefined) {
    return (
      <section className="store-detail">
        {back}
        <p className="empty">{t('app.loading')}</p>
      </section>
    );
  }
  const { state } = data;
  const silent = state.silentForMs === null ? null : agedSince(state.silentForMs, fetchedAt, now);
  const config = summarizeConfig(state.config);
  return (
    <section className="store-detail" data-store-id={state.id}>
      {back}
      <header className="detail-head">
        <h2>
          {state.name} <span className="muted small">{state.id}</span>
        </h2>
        <span className="muted">{state.regionName}</span>
        <StoreStateChip lifecycle={state.lifecycle} />
        <span className="detail-heard">
          {t('stores.lastHeard')}: <LastHeard silentForMs={silent} />
        </span>
      </header>
      <dl className="facts">
        <div>
          <dt>{t('stores.alarms')}</dt>
          <dd>
            <SeverityCounts counts={state.activeAlarms} />
          </dd>
        </div>
        <div>
          <dt>{t('stores.tickets')}</dt>
          <dd>{state.openTickets}</dd>
        </div>
        <div>
          <dt>{t('stores.config')}</dt>
          <dd className={`tone-${config.tone}`}>{t(config.key, config.values)}</dd>
        </div>
        <div>
          <dt>{t('stores.lag')}</dt>
          <dd className={isLagging(state.syncLagMs) ? 'tone-warning' : undefined}>
            {state.syncLagMs === null ? '—' : formatLag(state.syncLagMs, t)}
          </dd>
        </div>
        <div>
          <dt>{t('detail.highestSeq')}</dt>
          <dd>{state.highestSeq}</dd>
        </div>
        <div>
          <dt>{t('detail.droppedRollups')}</dt>
          <dd className={state.droppedRollups > 0 ? 'tone-warning' : undefined}>{state.droppedRollups}</dd>
        </div>
      </dl>
      <StoreStatePanel storeId={state.id} lifecycle={state.lifecycle} poll={poll} />
      <CommissioningPanel
        storeId={state.id}
        poll={poll}
        nameOf={(id) => equipmentNameIn(data.equipment, id, i18n.language)}
      />
      <div className="detail-columns">
        <section>
          <h3>{t('detail.activeAlarms')}</h3>
          {data.activeAlarms.length === 0 ? <p className="empty">{t('detail.noAlarms')}</p> : null}
          <ul className="plain-list">
            {data.activeAlarms.map((alarm) => (
              <li key={alarm.id} className={`alarm-row severity-${alarm.severity}`} data-alarm-id={alarm.id}>
                <span className={`severity-dot ${alarm.severity}`}>{t(`severity.${alarm.severity}`)}</span>{' '}
                <strong>{localized(alarm.title, i18n.language)}</strong>{' '}
                <span className="muted">
                  {equipmentNameIn(data.equipment, alarm.equipmentId, i18n.language)} ·{' '}
                  {t('detail.since', { time: formatDateTime(alarm.raisedAt, i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>
            {t('detail.equipment')} ({state.equipment.total})
          </h3>
          <EquipmentList storeId={state.id} equipment={data.equipment} poll={poll} now={now} />
        </section>
      </div>
      <section>
        <h3>{t('tickets.title')}</h3>
        <TicketsTable
          tickets={data.openTickets}
          fetchedAt={fetchedAt}
          now={now}
          showStore={false}
          onOpenStore={() => undefined}
        />
      </section>
      <section>
        <h3>{t('detail.configVersions')}</h3>
        <ConfigVersions versions={data.configVersions} appliedVersion={state.config.appliedVersion} />
      </section>
    </section>
  );
}
