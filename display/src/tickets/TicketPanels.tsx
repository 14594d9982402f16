import { AlarmList } from '../../../shared/api/alarms';
import { PartList } from '../../../shared/api/parts';
import { AssignmentSuggestions, TechnicianList } from '../../../shared/api/technicians';
import type { TicketView } from '../../../shared/api/tickets';
import { useEdgeResource } from '../app/use-edge-resource';
import { AssignTechnician } from './AssignTechnician';
import { ResolveForm } from './ResolveForm';
import type { ResolveRequest } from './resolve-request';

/** The resolve form with what it reads from the edge: the store's parts and the ticket's alarms still active. */
export function ResolvePanel(props: {
  ticket: TicketView;
  equipmentType: string;
  /** who opened the form: the parts list is for people who maintain */
  token: string;
  timezone: string;
  /** the live board's tickets: a change asks the alarms again */
  refreshKey: unknown;
  onSubmit: (request: ResolveRequest) => Promise<void>;
  onCancel: () => void;
}) {
  const { ticket } = props;
  const parts = useEdgeResource('/api/parts', PartList, props.token);
  const alarms = useEdgeResource(
    ticket.alarmIds.length
      ? `/api/alarms?state=active&equipmentId=${encodeURIComponent(ticket.equipmentId)}`
      : undefined,
    AlarmList,
    props.token,
    props.refreshKey,
  );
  const active = alarms.status === 'ok' ? alarms.data.filter((a) => ticket.alarmIds.includes(a.id)) : [];
  return (
    <ResolveForm
      equipmentType={props.equipmentType}
      parts={parts}
      activeAlarms={active}
      timezone={props.timezone}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    />
  );
}

/** The technician picker with the edge's suggestions for this ticket and everyone else. */
export function AssignPanel(props: {
  ticket: TicketView;
  token: string;
  onAssign: (assignee: string) => Promise<void>;
  onCancel: () => void;
}) {
  const suggestions = useEdgeResource(
    `/api/tickets/${props.ticket.id}/assignment-suggestions`,
    AssignmentSuggestions,
    props.token,
  );
  const technicians = useEdgeResource('/api/technicians', TechnicianList, props.token);
  return (
    <AssignTechnician
      suggestions={suggestions}
      technicians={technicians}
      current={props.ticket.assignedTo}
      onAssign={props.onAssign}
      onCancel={props.onCancel}
    />
  );
}
