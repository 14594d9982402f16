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
import { LoginCancelled, type PersonSession } from '../auth/person-session';
import { thresholdLimits } from '../charts/rule-limits';
import { toChartSeries } from '../charts/series';
import { TimeChart } from '../charts/TimeChart';
import { maintenancePaths } from '../maintenance/maintenance-api';
import { PmOverdueBadge } from '../maintenance/PmOverdueBadge';
import { TicketActions } from './TicketActions';
import { TicketAge } from './TicketAge';
import { AssignPanel, ResolvePanel } from './TicketPanels';
import { TicketResolution } from './TicketResolution';
import type { TicketStep } from './ticket-actions';
import { isAssigner, isResolver } from './ticket-assignment';
import { actorName } from './ticket-people';
import { ticketProblem } from './ticket-problem';

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
  /** the person at the display, asking for their PIN where nobody is logged in */
  signIn: (action: string) => Promise<PersonSession>;
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
  /** the form open under the ticket, with the token of who opened it (parts and technicians need one) */
  const [panel, setPanel] = useState<{ kind: 'resolve' | 'assign'; token: string } | undefined>();
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
    if (to === 'resolved') return openPanel('resolve');
    setError(undefined);
    try {
      await props.onTransition(ticketId, { to });
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setError(t('tickets.changeFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  /** Resolving and assigning are forms: who fills them in signs in first, and must be someone who may. */
  async function openPanel(kind: 'resolve' | 'assign') {
    setError(undefined);
    try {
      const person = await props.signIn(t(kind === 'resolve' ? 'tickets.action.resolved' : 'assign.action'));
      const may = kind === 'resolve' ? isResolver(person) : isAssigner(person);
      if (!may) {
        setError(t(kind === 'resolve' ? 'resolve.notAllowed' : 'assign.notAllowed'));
        return;
      }
      setPanel({ kind, token: person.token });
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setError(t('tickets.changeFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  async function submit(request: TicketTransitionRequest) {
    await props.onTransition(ticketId, request);
    setPanel(undefined);
  }

  return (
    <section className="ticket-detail" data-ticket-id={data.id}>
      <h2>
        #{data.id} {machine ? localized(machine.name, i18n.language) : data.equipmentId} —{' '}
        {ticketProblem(data, t, i18n.language)}
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
        {data.assignedTo ? (
          <span className="ticket-assignee">
            {t('tickets.assignedTo', { name: actorName(data.assignedTo, props.users, t) })}
          </span>
        ) : null}
        {data.repeat ? <span className="badge-warning">{t('tickets.repeat')}</span> : null}
        <PmOverdueBadge
          flags={carried ?? (maintenance.status === 'ok' ? maintenance.data.overdue : undefined)}
        />
      </p>
      {data.note ? <p>{t('tickets.note', { note: data.note })}</p> : null}
      <TicketResolution ticket={data} />
      <h3>{t('tickets.telemetry')}</h3>
      <FaultChart ticket={data} machine={machine} token={token} timezone={timezone} />
      {panel?.kind === 'resolve' ? (
        <ResolvePanel
          ticket={data}
          equipmentType={machine?.type ?? ''}
          token={panel.token}
          timezone={timezone}
          refreshKey={refreshKey}
          onSubmit={submit}
          onCancel={() => setPanel(undefined)}
        />
      ) : panel?.kind === 'assign' ? (
        <AssignPanel
          ticket={data}
          token={panel.token}
          onAssign={(assignee) => submit({ to: 'assigned', assignee })}
          onCancel={() => setPanel(undefined)}
        />
      ) : (
        <TicketActions
          status={data.status}
          role={props.role}
          onStep={(to) => void move(to)}
          onAssign={() => void openPanel('assign')}
          assigned={data.assignedTo !== null}
        />
      )}
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
