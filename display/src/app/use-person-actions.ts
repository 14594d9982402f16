import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmView } from '../../../shared/api/alarms';
import type {
  ChecklistStepView,
  WorkOrderTransitionRequest,
  WorkOrderView,
} from '../../../shared/api/maintenance';
import { type TicketTransitionRequest, TicketView } from '../../../shared/api/tickets';
import { localized } from '../../../shared/browser/locale';
import { requestEdge } from '../api/edge-client';
import { LoginCancelled, type PersonSession } from '../auth/person-session';
import type { LiveBoard } from '../live/live-board';
import { signOffTask, signStep, transitionWorkOrder } from '../maintenance/maintenance-api';
import { isDone, stepsToMeasure } from '../tasks/task-state';
import type { ProblemReport } from '../tickets/ReportProblem';

interface PersonActionsDeps {
  board: LiveBoard;
  asPerson: (action: string) => Promise<PersonSession>;
  equipmentName: (equipmentId: string) => string;
  refreshTasks: () => void;
  /** a failure to show above the screen; undefined clears it */
  setProblem: (problem: string | undefined) => void;
  /** opens (a task) or closes (undefined) the dialog asking for a task's measured values */
  setMeasuring: (task: WorkOrderView | undefined) => void;
}

/**
 * What a person does from the display's own screens, each in their name (PIN first when
 * nobody is logged in), then the board and the lists asked again so the change shows.
 */
export function usePersonActions({
  board,
  asPerson,
  equipmentName,
  refreshTasks,
  setProblem,
  setMeasuring,
}: PersonActionsDeps) {
  const { t, i18n } = useTranslation();
  /** bumped after each work-order change, so the open work order reads itself again */
  const [workOrderVersion, setWorkOrderVersion] = useState(0);

  async function acknowledge(alarm: AlarmView) {
    const person = await asPerson(
      t('alarm.acknowledgeAction', {
        equipment: equipmentName(alarm.equipmentId),
        title: localized(alarm.title, i18n.language),
      }),
    );
    await requestEdge(`/api/alarms/${alarm.id}/ack`, AlarmView, { method: 'POST', token: person.token });
    await board.refresh();
  }

  async function report(input: ProblemReport) {
    const person = await asPerson(t('report.title'));
    const ticket = await requestEdge('/api/tickets', TicketView, {
      method: 'POST',
      token: person.token,
      body: {
        equipmentId: input.equipmentId,
        fault: input.fault,
        category: input.category,
        note: input.note,
      },
    });
    await board.refresh();
    return ticket.id;
  }

  async function transition(ticketId: number, request: TicketTransitionRequest) {
    const person = await asPerson(t(`tickets.action.${request.to}`));
    await requestEdge(`/api/tickets/${ticketId}/transitions`, TicketView, {
      method: 'POST',
      token: person.token,
      body: request,
    });
    await board.refresh();
  }

  async function signOff(task: WorkOrderView, values: Record<string, number>) {
    const person = await asPerson(t('tasks.signOffAction', { task: localized(task.title, i18n.language) }));
    await signOffTask(task.id, { values }, person.token);
    setMeasuring(undefined);
    refreshTasks();
    setWorkOrderVersion((v) => v + 1);
  }

  /** A tap on a task: straight to the PIN, or first the value where the task asks for one. */
  function startSignOff(task: WorkOrderView) {
    setProblem(undefined);
    if (isDone(task)) return;
    if (stepsToMeasure(task).length > 0) {
      setMeasuring(task);
      return;
    }
    signOff(task, {}).catch((err: unknown) => {
      if (err instanceof LoginCancelled) return;
      setProblem(t('tasks.signOffFailed', { message: err instanceof Error ? err.message : String(err) }));
      refreshTasks();
    });
  }

  async function signWorkOrderStep(workOrderId: number, step: ChecklistStepView, value?: number) {
    const person = await asPerson(t('maintenance.sign'));
    await signStep(workOrderId, step.stepId, value === undefined ? {} : { value }, person.token);
    setWorkOrderVersion((v) => v + 1);
    refreshTasks();
  }

  async function moveWorkOrder(workOrderId: number, request: WorkOrderTransitionRequest) {
    const person = await asPerson(t(`tickets.action.${request.to}`));
    await transitionWorkOrder(workOrderId, request, person.token);
    setWorkOrderVersion((v) => v + 1);
    refreshTasks();
  }

  return {
    acknowledge,
    report,
    transition,
    signOff,
    startSignOff,
    signWorkOrderStep,
    moveWorkOrder,
    workOrderVersion,
  };
}

export type PersonActions = ReturnType<typeof usePersonActions>;
