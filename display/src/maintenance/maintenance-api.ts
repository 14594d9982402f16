import { z } from 'zod';
import {
  type StepSignOffRequest,
  type TaskSignOffRequest,
  WorkOrderDetail,
  type WorkOrderTransitionRequest,
  WorkOrderView,
} from '../../../shared/api/maintenance';
import { requestEdge } from '../api/edge-client';

export const WorkOrderList = z.array(WorkOrderView);
export { WorkOrderDetail };

/** Where the edge serves preventive maintenance; one place, so the screens never spell paths. */
export const maintenancePaths = {
  todayTasks: '/api/tasks/today',
  /** what is not done yet, due or overdue, soonest first */
  openWorkOrders: '/api/work-orders?status=open',
  workOrder: (id: number) => `/api/work-orders/${id}`,
  taskSignOff: (id: number) => `/api/tasks/${id}/sign-off`,
  stepSignOff: (id: number, stepId: string) =>
    `/api/work-orders/${id}/steps/${encodeURIComponent(stepId)}/sign-off`,
  transition: (id: number) => `/api/work-orders/${id}/transitions`,
  equipment: (equipmentId: string) => `/api/maintenance/equipment/${encodeURIComponent(equipmentId)}`,
};

export function signOffTask(id: number, request: TaskSignOffRequest, token: string): Promise<WorkOrderView> {
  return requestEdge(maintenancePaths.taskSignOff(id), WorkOrderView, {
    method: 'POST',
    token,
    body: request,
  });
}

export function signStep(
  id: number,
  stepId: string,
  request: StepSignOffRequest,
  token: string,
): Promise<WorkOrderView> {
  return requestEdge(maintenancePaths.stepSignOff(id, stepId), WorkOrderView, {
    method: 'POST',
    token,
    body: request,
  });
}

export function transitionWorkOrder(
  id: number,
  request: WorkOrderTransitionRequest,
  token: string,
): Promise<WorkOrderView> {
  return requestEdge(maintenancePaths.transition(id), WorkOrderView, {
    method: 'POST',
    token,
    body: request,
  });
}
