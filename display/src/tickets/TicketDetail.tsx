import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { EquipmentView } from '../../../shared/api/equipment';
import { ReadingSeries } from '../../../shared/api/equipment';
import { EquipmentMaintenance, PmOverdueFlag } from '../../../shared/api/maintenance';
import type { StoreInfo } from '../../../shared/api/store';
import { EquipmentRules } from '../../../shared/api/store';
import {
  TicketTransitionRecord,
  type TicketTransitionRequest,
  TicketView,
} from '../../../shared/api/tickets';
import { localized } from '../../../shared/browser/locale';
import type { Role } from '../../../shared/roles';
import { formatDateTime } from '../app/format';
import { useEdgeResource } from '../app/use-edge-resource';
import { LoginCancelled } from '../auth/person-session';
import { thresholdLimits } from '../charts/rule-limits';
import { toChartSeries } from '../charts/series';
import { TimeChart } from '../charts/TimeChart';
import { maintenancePaths } from '../maintenance/maintenance-api';
import { PmOverdueBadge } from '../maintenance/PmOverdueBadge';
import { TicketActions } from './TicketActions';
import { TicketAge } from './TicketAge';
import type { TicketStep } from './ticket-actions';
import { actorName } from './ticket-people';

const TicketDetailSchema = TicketView.extend({
  history: z.array(TicketTransitionRecord),
  /** "PM overdue 12 days", where the edge puts it on the ticket */
  pmOverdue: z.array(PmOverdueFlag).optional(),
});
type TicketDetailData = z.infer<typeof TicketDetailSchema>;

interface TicketDetailProps {
  ticketId: number;
  /** board data reads without one; kept for a screen that needs a person's */
  token?: string | undefined;
  equipment: readonly EquipmentView[];
  timezone: string;
  now: number;
  /** asks for a PIN where nobody is logged in, then moves the ticket on */
  onTransition: (ticketId: number, request: TicketTransitionRequest) => Promise<void>;
  role: Role | undefined;
  /** the store's people, so the history names them */
  users: StoreInfo['users'];
  refreshKey: unknown;
}

const HOUR_MS = 3_600_000;

export function TicketDetail(props: TicketDetailProps) {
  const { ticketId, token, timezone, now, refreshKey } = props;
  const { t, i18n } = useTranslation();
  const ticket = useEdgeResource(`/api/tickets/${ticketId}`, TicketDetailSchema, token, refreshKey);
  const [error, setError] = useState<string | undefined>();
  const carried = ticket.status === 'ok' ? ticket.data.pmOverdue : undefined;
  // Where the ticket does not carry the flags, the machine's maintenance view has them.
  const maintenance = useEdgeResource(
    ticket.status === 'ok' && carried === undefined
      ? maintenancePaths.equipment(ticket.data.equipmentId)
      : undefined,
    EquipmentMaintenance,
    token,
    refreshKey,
  );
  if (ticket.status !== 'ok') {
    return <p className="empty">{ticket.status === 'loading' ? t('app.loading') : ticket.message}</p>;
  }
  const data = ticket.data;
  const machine = props.equipment.find((e) => e.id === data.equipmentId);

  async function move(to: TicketStep) {
    setError(undefined);
    const request: TicketTransitionRequest =
      to === 'resolved' ? { to, resolutionCode: 'repaired', parts: [] } : { to };
    try {
      await props.onTransition(ticketId, request);
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setError(t('tickets.changeFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  return (
    <section className="ticket-detail" data-ticket-id={data.id}>
      <h2>
        #{data.id} {machine ? localized(machine.name, i18n.language) : data.equipmentId} —{' '}
        {data.source === 'manual' && data.category
          ? t(`report.category.${data.category}`)
          : localized(data.title, i18n.language)}
      </h2>
      <p className="ticket-meta">
        <span className={`ticket-status status-${data.status}`}>{t(`tickets.status.${data.status}`)}</span>
        <span>{t(`tickets.source.${data.source}`)}</span>
        <TicketAge ticket={data} now={now} />
        <span>
          {t('tickets.openedAt', {
            time: formatDateTime(data.openedAt, timezone, i18n.language),
            by: actorName(data.openedBy, props.users, t),
          })}
        </span>
        {data.repeat ? <span className="badge-warning">{t('tickets.repeat')}</span> : null}
        <PmOverdueBadge
          flags={carried ?? (maintenance.status === 'ok' ? maintenance.data.overdue : undefined)}
        />
      </p>
      {data.note ? <p>{t('tickets.note', { note: data.note })}</p> : null}
      <h3>{t('tickets.telemetry')}</h3>
      <FaultChart ticket={data} machine={machine} token={token} timezone={timezone} />
      <TicketActions status={data.status} role={props.role} onStep={(to) => void move(to)} />
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      <ol className="history">
        {data.history.map((h) => (
          <li key={`${h.at}-${h.to}`}>
            {formatDateTime(h.at, timezone, i18n.language)} · {t(`tickets.status.${h.to}`)} ·{' '}
            {actorName(h.by, props.users, t)}
            {h.note ? ` · ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The snapshot the edge kept at the fault when there is one; otherwise the key metric an hour either side. */
function FaultChart(props: {
  ticket: TicketDetailData;
  machine: EquipmentView | undefined;
  /** board data reads without one; kept for a screen that needs a person's */
  token?: string | undefined;
  timezone: string;
}) {
  const { t } = useTranslation();
  const { ticket, machine } = props;
  const metric = machine?.keyMetric;
  const fromSnapshot = ticket.snapshot && metric ? ticket.snapshot.series[metric] : undefined;
  const at = ticket.snapshot?.raisedAt ?? ticket.openedAt;
  const query =
    !fromSnapshot?.length && machine && metric
      ? `/api/equipment/${machine.id}/readings?metric=${metric}&from=${at - HOUR_MS}&to=${at + HOUR_MS}&step=60000`
      : undefined;
  const around = useEdgeResource(query, ReadingSeries, props.token);
  const rules = useEdgeResource(
    machine ? `/api/equipment/${machine.id}/rules` : undefined,
    EquipmentRules,
    props.token,
  );
  const points = fromSnapshot?.length
    ? fromSnapshot.map((p) => ({ ts: p.ts, value: p.avg }))
    : around.status === 'ok'
      ? around.data
      : [];
  if (points.length < 2 || !metric) return <p className="empty">{t('tickets.noTelemetry')}</p>;
  const series = toChartSeries(points);
  return (
    <TimeChart
      ts={series.ts}
      values={series.values}
      label={metric}
      timezone={props.timezone}
      limits={rules.status === 'ok' ? thresholdLimits(rules.data, metric) : undefined}
      markers={[{ x: at, label: 'fault' }]}
      width={Math.min(1100, window.innerWidth - 80)}
      height={260}
    />
  );
}
