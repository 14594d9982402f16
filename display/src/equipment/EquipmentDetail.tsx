import { useTranslation } from 'react-i18next';
import { AlarmList, type AlarmView } from '../../../shared/api/alarms';
import type { EquipmentView } from '../../../shared/api/equipment';
import { EquipmentRules } from '../../../shared/api/store';
import { TicketList } from '../../../shared/api/tickets';
import { localized } from '../../../shared/browser/locale';
import { isUnacknowledged } from '../alarms/alarm-urgency';
import { formatDateTime } from '../app/format';
import { metricLabel } from '../app/metric-label';
import { readingText } from '../app/reading-text';
import { useEdgeResource } from '../app/use-edge-resource';
import { STATE_ICON } from '../board/state-style';
import { thresholdLimits } from '../charts/rule-limits';
import { TimeChart } from '../charts/TimeChart';
import { useDaySeries } from './use-day-series';

interface EquipmentDetailProps {
  equipment: EquipmentView;
  /** board data reads without one; kept for a screen that needs a person's */
  token?: string | undefined;
  timezone: string;
  now: number;
  /** changes whenever the board refreshed with news, so lists here follow */
  refreshKey: unknown;
  /** asks to confirm, then acknowledges: warnings are acknowledged here, criticals in the banner too */
  onAcknowledge: (alarm: AlarmView) => void;
  onOpenTicket: (ticketId: number) => void;
  onReport: (equipmentId: string) => void;
}

export function EquipmentDetail(props: EquipmentDetailProps) {
  const { equipment, token, timezone, now, refreshKey } = props;
  const { t, i18n } = useTranslation();
  const metric = equipment.keyMetric;
  const series = useDaySeries(equipment, metric, now, token);
  const alarms = useEdgeResource(
    `/api/alarms?state=all&equipmentId=${equipment.id}&limit=20`,
    AlarmList,
    token,
    refreshKey,
  );
  const tickets = useEdgeResource(
    `/api/tickets?status=all&equipmentId=${equipment.id}&limit=20`,
    TicketList,
    token,
    refreshKey,
  );
  const rules = useEdgeResource(`/api/equipment/${equipment.id}/rules`, EquipmentRules, token);
  const limits = rules.status === 'ok' && metric ? thresholdLimits(rules.data, metric) : [];

  return (
    <section className="equipment-detail" data-equipment-id={equipment.id}>
      <h2 className={`state-${equipment.state}`}>
        <span aria-hidden="true">{STATE_ICON[equipment.state]} </span>
        {localized(equipment.name, i18n.language)} · {t(`state.${equipment.state}`)}
      </h2>
      <button type="button" className="primary" onClick={() => props.onReport(equipment.id)}>
        {t('app.report')}
      </button>
      <h3>{t('detail.last24h', { metric: metric ? metricLabel(metric, t) : '' })}</h3>
      {series && series.ts.length > 1 ? (
        <TimeChart
          ts={series.ts}
          values={series.values}
          label={metric ? metricLabel(metric, t) : ''}
          unit={metric ? equipment.units[metric] : undefined}
          timezone={timezone}
          limits={limits}
          width={Math.min(1200, window.innerWidth - 80)}
          height={280}
        />
      ) : (
        <p className="empty">{t('detail.noData')}</p>
      )}
      <div className="detail-columns">
        <div>
          <h3>{t('detail.readings')}</h3>
          <dl className="readings">
            {Object.entries(equipment.readings).map(([name, reading]) => (
              <div key={name}>
                <dt>{metricLabel(name, t)}</dt>
                <dd>{readingText(name, reading, equipment.units[name], t)}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div>
          <h3>{t('detail.alarms')}</h3>
          {alarms.status === 'ok' && alarms.data.length ? (
            <ul className="plain-list">
              {alarms.data.map((a) => (
                <li key={a.id} className={`alarm-row severity-${a.severity}`} data-alarm-id={a.id}>
                  <span>
                    {formatDateTime(a.conditionSince, timezone, i18n.language)} ·{' '}
                    {t(`alarm.severity.${a.severity}`)} · {localized(a.title, i18n.language)} ·{' '}
                    {t(`alarm.stateName.${a.state}`)}
                  </span>
                  {isUnacknowledged(a) && a.severity !== 'info' ? (
                    <button type="button" className="secondary" onClick={() => props.onAcknowledge(a)}>
                      {t('alarm.acknowledge')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t('alarm.none')}</p>
          )}
        </div>
        <div>
          <h3>{t('detail.tickets')}</h3>
          {tickets.status === 'ok' && tickets.data.length ? (
            <ul className="plain-list">
              {tickets.data.map((ticket) => (
                <li key={ticket.id}>
                  <button type="button" className="link-row" onClick={() => props.onOpenTicket(ticket.id)}>
                    #{ticket.id} · {localized(ticket.title, i18n.language)} ·{' '}
                    {t(`tickets.status.${ticket.status}`)}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t('tickets.none')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
