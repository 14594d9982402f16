import type { AlarmView } from '../../../shared/api/alarms';
import type { EquipmentView, ReadingPoint } from '../../../shared/api/equipment';
import type { StoreInfo } from '../../../shared/api/store';
import type { TicketView } from '../../../shared/api/tickets';

/**
 * The parts of the snapshot the edge serves from separate routes, so a change
 * pushed over MQTT refetches only the parts it touched.
 */
export const BOARD_PARTS = ['equipment', 'alarms', 'tickets'] as const;
export type BoardPart = (typeof BOARD_PARTS)[number];

/** Everything the screens show, as one immutable value replaced on every refresh or pushed reading. */
export interface BoardSnapshot {
  store: StoreInfo | undefined;
  equipment: EquipmentView[];
  /** alarms not yet cleared and acknowledged; undefined when this edge has no alarms API */
  alarms: AlarmView[] | undefined;
  /** open tickets; undefined when this edge has no tickets API */
  tickets: TicketView[] | undefined;
  /** equipmentId → last hour of its key metric, one point a minute */
  sparklines: Record<string, ReadingPoint[]>;
  /** false from the first failed refresh until one succeeds again */
  connected: boolean;
  /** epoch ms of the last successful refresh over HTTP, undefined before the first */
  refreshedAt: number | undefined;
  /** push over MQTT is live (otherwise the display polls only) */
  pushing: boolean;
}

export const EMPTY_SNAPSHOT: BoardSnapshot = {
  store: undefined,
  equipment: [],
  alarms: undefined,
  tickets: undefined,
  sparklines: {},
  connected: false,
  refreshedAt: undefined,
  pushing: false,
};
