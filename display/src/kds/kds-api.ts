import { z } from 'zod';
import { AllDayCount, KdsTicketView } from '../../../shared/api/kds';
import { requestEdge } from '../api/edge-client';
import { displayCredential } from '../auth/display-credential';

/**
 * The kitchen display's calls to `/api/kds/*`. Every request goes through the display's
 * client, which carries this paired display's credential; no person logs in to bump.
 * Actions also send the credential as the bearer token, so the edge records the bump,
 * recall or fire as this display's (`display:{id}`) rather than as nobody's.
 */

/** A kitchen screen must say "not live" within 5 s: a read that hangs gives up well before that. */
export const KDS_READ_TIMEOUT_MS = 2500;

export const KdsTicketList = z.array(KdsTicketView);
export const AllDayList = z.array(AllDayCount);
/** What the edge answers to an action is not shown: the screen refetches the station after it. */
const Acknowledged = z.unknown();

export const kdsPaths = {
  setup: '/api/kds/setup',
  speed: '/api/kds/speed',
  tickets: (station: string, state: 'open' | 'bumped' = 'open') =>
    `/api/kds/tickets?${new URLSearchParams(state === 'open' ? { station } : { station, state })}`,
  allDay: (station: string) => `/api/kds/all-day?${new URLSearchParams({ station })}`,
  bump: (ticketId: number) => `/api/kds/tickets/${ticketId}/bump`,
  recall: (ticketId: number) => `/api/kds/tickets/${ticketId}/recall`,
  fire: (orderId: number) => `/api/kds/orders/${orderId}/fire`,
} as const;

export function fetchOpenTickets(station: string): Promise<KdsTicketView[]> {
  return requestEdge(kdsPaths.tickets(station), KdsTicketList, { timeoutMs: KDS_READ_TIMEOUT_MS });
}

export function fetchBumpedTickets(station: string): Promise<KdsTicketView[]> {
  return requestEdge(kdsPaths.tickets(station, 'bumped'), KdsTicketList, { timeoutMs: KDS_READ_TIMEOUT_MS });
}

const actingDisplay = () => displayCredential.get()?.credential;

/** The whole ticket, or only `lineId` on it. */
export async function bumpTicket(ticketId: number, lineId?: string): Promise<void> {
  await requestEdge(kdsPaths.bump(ticketId), Acknowledged, {
    method: 'POST',
    token: actingDisplay(),
    body: lineId === undefined ? {} : { lineId },
  });
}

export async function recallTicket(ticketId: number): Promise<void> {
  // The route takes no body: none is sent (an empty JSON body is refused by some servers).
  await requestEdge(kdsPaths.recall(ticketId), Acknowledged, { method: 'POST', token: actingDisplay() });
}

/** Releases a held course of the order now. */
export async function fireCourse(orderId: number, course: number): Promise<void> {
  await requestEdge(kdsPaths.fire(orderId), Acknowledged, {
    method: 'POST',
    token: actingDisplay(),
    body: { course },
  });
}
