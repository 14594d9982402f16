import type { TicketTransitionRequest } from '../../../shared/api/tickets';

/** The `resolved` step as the display sends it. */
export type ResolveRequest = Extract<TicketTransitionRequest, { to: 'resolved' }>;
