import type { z } from 'zod';
import { AlarmList } from '../../../shared/api/alarms';
import {
  EquipmentList,
  type EquipmentView,
  type ReadingPoint,
  ReadingSeries,
} from '../../../shared/api/equipment';
import { StoreInfo } from '../../../shared/api/store';
import { TicketList } from '../../../shared/api/tickets';
import { RequestError } from '../../../shared/browser/json-client';
import { requestEdge } from '../api/edge-client';
import type { BoardPart, BoardSnapshot } from './board-snapshot';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The edge answers 404 where a part (alarms, tickets, store info) is not mounted: the board shows the rest. */
export const Missing = Symbol('missing');

async function optional<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S> | typeof Missing> {
  try {
    return await requestEdge(path, schema);
  } catch (err) {
    if (err instanceof RequestError && err.status === 404) return Missing;
    throw err;
  }
}

export type FetchedParts = Partial<Pick<BoardSnapshot, BoardPart>>;

/**
 * The asked-for parts of the board, one request each, side by side; a part the edge
 * does not mount comes back undefined, a part not asked for is absent. Any other
 * failure throws: the board then shows it is stale.
 */
export async function fetchParts(parts: ReadonlySet<BoardPart>): Promise<FetchedParts> {
  const [equipment, alarms, tickets] = await Promise.all([
    parts.has('equipment') ? requestEdge('/api/equipment', EquipmentList) : undefined,
    parts.has('alarms') ? optional('/api/alarms?state=open', AlarmList) : undefined,
    parts.has('tickets') ? optional('/api/tickets?status=open', TicketList) : undefined,
  ]);
  const fetched: FetchedParts = {};
  if (equipment) fetched.equipment = equipment;
  if (alarms) fetched.alarms = alarms === Missing ? undefined : alarms;
  if (tickets) fetched.tickets = tickets === Missing ? undefined : tickets;
  return fetched;
}

export async function fetchStore(): Promise<StoreInfo | undefined> {
  const store = await optional('/api/store', StoreInfo);
  return store === Missing ? undefined : store;
}

/** equipmentId → the last hour of its key metric, one point a minute (the tile draws the live reading after them). */
export async function fetchSparklines(
  equipment: readonly EquipmentView[],
  now: number,
): Promise<Record<string, ReadingPoint[]>> {
  const from = Math.floor((now - HOUR_MS) / MINUTE_MS) * MINUTE_MS;
  const to = Math.ceil(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const entries = await Promise.all(
    equipment.flatMap((e) => {
      if (e.keyMetric === undefined) return [];
      const query = new URLSearchParams({
        metric: e.keyMetric,
        from: String(from),
        to: String(to),
        step: String(MINUTE_MS),
      });
      return [
        optional(`/api/equipment/${e.id}/readings?${query}`, ReadingSeries).then(
          (series) => [e.id, series === Missing ? [] : series] as const,
        ),
      ];
    }),
  );
  return Object.fromEntries(entries);
}
