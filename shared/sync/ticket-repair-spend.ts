import { z } from 'zod';
import { TicketTransitionRecord, TicketView } from '../api/tickets';
import { MoneyText } from '../predictive/prescriptive';

/** An ISO 4217 code, as the store config's `stock.currency`. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');

/**
 * What a finished repair cost, as the box counts it (its latest quote, else its parts at
 * the prices paid or listed): exact decimal text in the store's currency.
 */
export const TicketRepairSpend = z.object({
  repairSpend: MoneyText.describe('the job’s spend, e.g. "1234.50"'),
  currency: CurrencyCode,
});
export type TicketRepairSpend = z.infer<typeof TicketRepairSpend>;

/**
 * Payload of `ticket.transition`. The spend rides along on steps that leave the ticket
 * repaired (resolved, verified, or closed after a resolve); centrals that predate it read
 * the object without strict keys and drop it.
 */
export const TicketTransitionPayload = z.object({
  ticket: TicketView,
  transition: TicketTransitionRecord,
  repairSpend: TicketRepairSpend.shape.repairSpend.optional(),
  currency: CurrencyCode.optional(),
});
export type TicketTransitionPayload = z.infer<typeof TicketTransitionPayload>;
