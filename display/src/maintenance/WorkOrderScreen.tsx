import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EquipmentView } from '../../../shared/api/equipment';
import type { ChecklistStepView, WorkOrderTransitionRequest } from '../../../shared/api/maintenance';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import type { Role } from '../../../shared/roles';
import { formatDateTime } from '../app/format';
import { useEdgeResource } from '../app/use-edge-resource';
import { LoginCancelled } from '../auth/person-session';
import { isDone, rangeText } from '../tasks/task-state';
import { TicketActions } from '../tickets/TicketActions';
import type { TicketStep } from '../tickets/ticket-actions';
import { maintenancePaths, WorkOrderDetail } from './maintenance-api';
import { StepMeasureDialog } from './StepMeasureDialog';
import { DueText } from './WorkOrdersList';

interface WorkOrderScreenProps {
  workOrderId: number;
  /** board data reads without one; kept for a screen that needs a person's */
  token?: string | undefined;
  equipment: readonly EquipmentView[];
  users: StoreInfo['users'];
  now: number;
  timezone: string;
  role: Role | undefined;
  /** asks for a PIN where nobody is logged in, then signs the step; rejects on failure */
  onSignStep: (workOrderId: number, step: ChecklistStepView, value?: number) => Promise<void>;
  onTransition: (workOrderId: number, request: WorkOrderTransitionRequest) => Promise<void>;
  /** changes when the work order may have changed */
  refreshKey: unknown;
}

/** A preventive work order for the technician: its checklist, step by step, and its lifecycle. */
export function WorkOrderScreen(props: WorkOrderScreenProps) {
  const { t, i18n } = useTranslation();
  const { workOrderId, timezone, now } = props;
  const order = useEdgeResource(
    maintenancePaths.workOrder(workOrderId),
    WorkOrderDetail,
    props.token,
    props.refreshKey,
  );
  const [measuring, setMeasuring] = useState<ChecklistStepView | undefined>();
  const [error, setError] = useState<string | undefined>();
  if (order.status !== 'ok') {
    return <p className="empty">{order.status === 'loading' ? t('app.loading') : order.message}</p>;
  }
  const data = order.data;
  const machine = props.equipment.find((e) => e.id === data.equipmentId);
  const personOf = (id: string | null) => props.users.find((u) => u.id === id)?.name ?? id ?? '';
  const open = !isDone(data) && data.status !== 'closed';

  async function attempt(work: () => Promise<void>) {
    setError(undefined);
    try {
      await work();
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setError(t('maintenance.changeFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  function step(to: TicketStep) {
    const request: WorkOrderTransitionRequest = to === 'resolved' ? { to, parts: [] } : { to };
    void attempt(() => props.onTransition(workOrderId, request));
  }

  return (
    <section className="work-order" data-work-order-id={data.id}>
      <h2>
        #{data.id} {machine ? localized(machine.name, i18n.language) : data.equipmentId} —{' '}
        {localized(data.title, i18n.language)}
      </h2>
      <p className="ticket-meta">
        <span className={`ticket-status status-${data.status}`}>{t(`tickets.status.${data.status}`)}</span>
        <span>
          {t(data.assignee === 'store' ? 'maintenance.forStore' : 'maintenance.forTechnician')}
          {data.assignedTo ? ` · ${personOf(data.assignedTo)}` : ''}
        </span>
        <span>{t('maintenance.dueAt', { time: formatDateTime(data.dueAt, timezone, i18n.language) })}</span>
        {open ? <DueText order={data} now={now} /> : null}
        {data.escalation !== 'none' ? (
          <span className="badge-warning">{t(`maintenance.escalation.${data.escalation}`)}</span>
        ) : null}
      </p>
      <h3>{t('maintenance.checklist')}</h3>
      <ol className="checklist">
        {data.checklist.map((s) => (
          <li
            key={s.stepId}
            className={`checklist-step ${s.signedAt === null ? '' : s.inRange === false ? 'out' : 'signed'}`}
            data-step-id={s.stepId}
            data-signed={s.signedAt !== null}
          >
            <span className="task-icon" aria-hidden="true">
              {s.signedAt === null ? '○' : s.inRange === false ? '✗' : '✓'}
            </span>
            <span className="task-main">
              <span className="task-title">
                {localized(s.title, i18n.language)}
                {s.required ? '' : ` ${t('maintenance.optional')}`}
              </span>
              <span className="task-where">
                {s.signedAt === null
                  ? s.measure
                    ? t('maintenance.measure', { range: rangeText(s.measure) })
                    : t('maintenance.notSigned')
                  : [
                      s.value !== null && s.measure
                        ? `${String(s.value).replace(/^-/, '−')} ${s.measure.unit} ${
                            s.inRange === false ? t('maintenance.outOfRange') : t('maintenance.inRange')
                          }`
                        : null,
                      t('maintenance.signedBy', {
                        by: personOf(s.signedBy),
                        time: formatDateTime(s.signedAt, timezone, i18n.language),
                      }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
              </span>
            </span>
            {open && (s.signedAt === null || s.inRange === false) ? (
              <button
                type="button"
                className="primary"
                data-sign-step={s.stepId}
                onClick={() =>
                  s.measure ? setMeasuring(s) : void attempt(() => props.onSignStep(workOrderId, s))
                }
              >
                {s.signedAt === null ? t('maintenance.sign') : t('maintenance.measureAgain')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <TicketActions status={data.status} role={props.role} onStep={step} />
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      <ol className="history">
        {data.history.map((h) => (
          <li key={`${h.at}-${h.to}`}>
            {formatDateTime(h.at, timezone, i18n.language)} · {t(`tickets.status.${h.to}`)} · {personOf(h.by)}
            {h.note ? ` · ${h.note}` : ''}
          </li>
        ))}
      </ol>
      {measuring ? (
        <StepMeasureDialog
          step={measuring}
          onSubmit={async (value) => {
            await props.onSignStep(workOrderId, measuring, value);
            setMeasuring(undefined);
          }}
          onCancel={() => setMeasuring(undefined)}
        />
      ) : null}
    </section>
  );
}
