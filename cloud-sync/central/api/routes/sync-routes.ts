import { z } from 'zod';
import { Ok } from '../../../../shared/central/api';
import { forbidden } from '../../../../shared/server/http/errors';
import {
  ConfigApplyReport,
  PushedConfig,
  SYNC_ROUTES,
  SyncBatch,
  SyncBatchAck,
  type SyncEventRefusal,
} from '../../../../shared/sync/sync-protocol';
import type { CentralContext } from '../../central-context';
import { type CentralRoute, centralRoute, storeOf } from '../central-route';

const ConfigQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0).describe('the version the edge runs now (0: none)'),
});

/** The edge-facing routes; a store token only ever reads and writes its own store. */
export function syncRoutes(ctx: Pick<CentralContext, 'ingest' | 'configs'>): CentralRoute[] {
  return [
    centralRoute({
      method: 'POST',
      url: SYNC_ROUTES.batches,
      summary: 'Store a batch of outbox events (idempotent per store and seq)',
      description:
        'Accepts `Content-Encoding: gzip`. A token may only post batches of its own store (else 403). ' +
        'An invalid batch is refused whole (400, nothing stored) with `refusedEvents` naming the events at ' +
        'fault (SyncBatchRefused): the same batch without them would be stored; an empty list means the ' +
        'envelope itself is at fault.',
      tags: ['sync'],
      access: 'store',
      body: SyncBatch,
      response: SyncBatchAck,
      errors: [403, 413],
      explainInvalidBody: refusedEventsOf,
      handler: ({ auth: caller, body }) => {
        const store = storeOf(caller);
        if (body.storeId !== store.storeId) {
          throw forbidden(`this token belongs to store ${store.storeId}, not ${body.storeId}`);
        }
        return ctx.ingest.ingest(body);
      },
    }),
    centralRoute({
      method: 'GET',
      url: SYNC_ROUTES.config,
      summary: 'The newest pushed configuration if newer than ?after, else 204',
      tags: ['sync'],
      access: 'store',
      querystring: ConfigQuery,
      response: PushedConfig,
      handler: async ({ auth: caller, query, reply }) => {
        const pushed = await ctx.configs.newerThan(storeOf(caller).storeId, query.after);
        if (pushed) return pushed;
        reply.code(204);
        return undefined as unknown as PushedConfig;
      },
    }),
    centralRoute({
      method: 'POST',
      url: SYNC_ROUTES.configReport,
      summary: 'Report a pushed configuration as applied or rejected (with reasons)',
      tags: ['sync'],
      access: 'store',
      body: ConfigApplyReport,
      response: Ok,
      errors: [404],
      handler: async ({ auth: caller, body }) => {
        await ctx.configs.report(storeOf(caller).storeId, body);
        return { ok: true as const };
      },
    }),
  ];
}

/**
 * The events of an invalid batch that are at fault, by their position, so that the
 * edge can set them aside and send the rest: an issue under `events.N` is event N's. An
 * issue anywhere else (store id, sentAt, the list itself) is the batch's own: then no
 * event is named, and the edge backs off instead of setting good events aside.
 */
function refusedEventsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  body: unknown,
): { refusedEvents: SyncEventRefusal[] } {
  const byIndex = new Map<number, string[]>();
  for (const issue of issues) {
    const [field, index, ...rest] = issue.path;
    if (field !== 'events' || typeof index !== 'number') return { refusedEvents: [] };
    const where = rest.length > 0 ? `${rest.map(String).join('.')}: ` : '';
    byIndex.set(index, [...(byIndex.get(index) ?? []), `${where}${issue.message}`]);
  }
  const posted = isRecord(body) && Array.isArray(body.events) ? (body.events as unknown[]) : [];
  return {
    refusedEvents: [...byIndex].map(([index, reasons]) => {
      const event = posted[index];
      const seq = isRecord(event) && typeof event.seq === 'number' ? event.seq : null;
      return { index, seq, reason: reasons.join('; ') };
    }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
