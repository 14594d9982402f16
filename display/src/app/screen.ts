/** The screen the display shows; the nav, the router and the dialogs move between these. */
export type Screen =
  | { kind: 'board' }
  | { kind: 'kds' }
  | { kind: 'menu' }
  | { kind: 'stock' }
  | { kind: 'purchasing' }
  | { kind: 'foodSafety' }
  | { kind: 'tickets' }
  | { kind: 'report'; equipmentId?: string }
  | { kind: 'equipment'; equipmentId: string }
  | { kind: 'ticket'; ticketId: number }
  | { kind: 'tasks' }
  | { kind: 'predictive'; equipmentId?: string }
  | { kind: 'commissioning' }
  | { kind: 'workOrder'; workOrderId: number };

export type GoTo = (screen: Screen) => void;
