import { z } from 'zod';
import { MoneyText } from './prescriptive';

/** `POST /api/tickets/{id}/quote`: what the repair at hand will cost, as the technician quotes it. */
export const TicketQuoteRequest = z.strictObject({
  amount: MoneyText.refine((v) => Number(v) > 0, 'a quote is more than 0').describe(
    'the quoted price of the repair, exact decimal text in yuan, e.g. "24500" or "24500.00"',
  ),
  note: z.string().trim().max(2000).optional().describe('what the quote covers (parts, labour, call-out)'),
});
export type TicketQuoteRequest = z.infer<typeof TicketQuoteRequest>;

/** One quote as kept; a revised quote is a new one and the latest counts. */
export const TicketQuote = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  amount: z.string().describe('exact, two decimals ("24500.00")'),
  note: z.string().nullable(),
  at: z.number().int(),
  by: z.string(),
});
export type TicketQuote = z.infer<typeof TicketQuote>;
