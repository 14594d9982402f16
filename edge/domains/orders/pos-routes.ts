import { IntakeStats, PosOrderReceipt, PosOrderSubmission } from '../../../shared/api/orders';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import type { OrderIntakePort } from './order-intake-port';
import type { OrderStore } from './order-store';

const sourceOf = (body: unknown): string | undefined => {
  const source =
    typeof body === 'object' && body !== null ? (body as { source?: unknown }).source : undefined;
  return typeof source === 'string' ? source.slice(0, 64) : undefined;
};

/** The integration client a call came from (`integration:{name}`), or the person for a manual post. */
const clientOf = (userId: string | undefined): string => userId?.replace(/^integration:/, '') ?? 'unknown';

export function posRoutes(deps: { intake: OrderIntakePort; orders: OrderStore }): EdgeRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/pos/orders',
      summary: 'A POS order event (created, updated, split, merged, closed, voided, refunded)',
      description:
        'A POS authenticates as an integration client of the store config with HTTP Basic (its username and secret; the client needs `apiRoles: [pos]`). ' +
        'The answer (2xx) comes once the event is stored with its kitchen tickets. Exactly once per (client, source, eventId): ' +
        'a redelivery answers `duplicate: true` and changes nothing; a higher `version` of the same order replaces its lines, ' +
        'diffed by `lineId` (more of a line is an addition ticket, less is struck through); a lower one is `superseded` and changes nothing. ' +
        'A line with `movedFrom` (split bill, merged table) takes over the kitchen line it names instead of making a new one. ' +
        'The same body may be published on the MQTT topic `galley/{storeId}/_pos/orders/{client}` (QoS 1).',
      tags: ['orders'],
      access: 'pos.orders.post',
      body: PosOrderSubmission,
      response: PosOrderReceipt,
      status: 200,
      errors: [400, 401, 403, 429],
      explainInvalidBody: (issues, body, auth) => {
        deps.intake.refused(
          clientOf(auth?.session.userId),
          sourceOf(body),
          issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
        return {};
      },
      handler: ({ body, auth }) => deps.intake.submit(clientOf(auth?.session.userId), body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/pos/intake',
      summary:
        'What each POS feed sent and what became of it: received, applied, duplicates, superseded, refused',
      tags: ['orders'],
      access: 'pos.intake.read',
      response: IntakeStats,
      handler: () => deps.orders.stats(),
    }),
  ];
}
