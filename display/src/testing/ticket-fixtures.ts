import type { PartView } from '../../../shared/api/parts';
import type { TicketView } from '../../../shared/api/tickets';

const OPENED = Date.UTC(2026, 0, 5, 1, 0);

/** A repair ticket as `GET /api/tickets/{id}` answers it, open on the walk-in unless told otherwise. */
export function ticketView(part: Partial<TicketView> & Pick<TicketView, 'id'>): TicketView {
  return {
    equipmentId: 'wic-1',
    source: 'auto',
    fault: 'temp_high',
    category: null,
    title: { en: 'Cooler above 5 °C', 'zh-CN': '冷藏库温度高于 5 °C' },
    severity: 'critical',
    status: 'open',
    note: null,
    openedAt: OPENED,
    openedBy: 'system',
    acknowledgedAt: null,
    acknowledgedBy: null,
    assignedTo: null,
    assignedAt: null,
    startedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionCode: null,
    parts: [],
    resolutionNotes: null,
    verifiedAt: null,
    verifiedBy: null,
    closedAt: null,
    closedBy: null,
    reopenCount: 0,
    repeat: false,
    previousTicketId: null,
    alarmIds: [],
    snapshot: null,
    updatedAt: OPENED,
    ...part,
  };
}

/** A spare part as `GET /api/parts` lists it. */
export function partView(part: Partial<PartView> & Pick<PartView, 'partNumber' | 'name'>): PartView {
  return {
    unit: 'pcs',
    decimals: 0,
    equipmentTypes: [],
    reorderPoint: 1,
    reorderQuantity: 2,
    onHand: 3,
    belowReorderPoint: false,
    openPurchaseRequestId: null,
    ...part,
  };
}

/** The demo store's parts for a walk-in and a fryer: a measured gasket (m, 3 decimals) and counted probes. */
export const DEMO_PARTS: PartView[] = [
  partView({
    partNumber: 'GSK-WIC-01',
    name: 'Walk-in door gasket',
    unit: 'm',
    decimals: 3,
    equipmentTypes: ['walk_in_cooler', 'walk_in_freezer'],
    onHand: 4,
  }),
  partView({ partNumber: 'FRY-THERM-01', name: 'Fryer thermostat probe', equipmentTypes: ['fryer'] }),
  partView({
    partNumber: 'FAN-EVAP-120',
    name: 'Evaporator fan motor',
    equipmentTypes: ['walk_in_cooler', 'reach_in_cooler'],
    onHand: 2,
  }),
];
