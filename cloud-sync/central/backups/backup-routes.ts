import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CentralRole } from '../../../shared/central/api';
import { StoreParams } from '../../../shared/central/api';
import { ApiHttpError, badRequest, forbidden, notFound } from '../../../shared/server/http/errors';
import {
  BACKUP_CONTENT_TYPE,
  BACKUP_HEADERS,
  BACKUP_ROUTES,
  BackupUploadHeaders,
  StoreBackupAck,
  StoreBackupList,
} from '../../../shared/sync/backup-protocol';
import { type CentralRoute, centralRoute, storeOf, userOf } from '../api/central-route';
import { ADMINS } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { BackupUploadError } from './store-backups';

const OUT_OF_SCOPE = 'no such store in your scope';
/** Who looks after the stores' boxes: regional managers see their region's backups, admins all. */
const BACKUP_READERS: readonly CentralRole[] = ['admin', 'regional_manager'];

/**
 * Lets the upload route read its body as the stream it is (gzip bytes, hashed as they are
 * written to disk), never buffered whole. Call before the routes are mounted.
 */
export function allowBackupBodies(app: FastifyInstance): void {
  app.addContentTypeParser(BACKUP_CONTENT_TYPE, (_request, payload, done) => done(null, payload));
}

/** The stores' box backups: uploaded by each box, listed by the region, fetched by a replacement box. */
export function backupRoutes(
  ctx: Pick<CentralContext, 'database' | 'directory' | 'backups'>,
): CentralRoute[] {
  const { db } = ctx.database;
  const highestSeq = async (storeId: string): Promise<number> => {
    const row = await db
      .selectFrom('stores')
      .select('highest_seq')
      .where('id', '=', storeId)
      .executeTakeFirst();
    return Number(row?.highest_seq ?? 0);
  };
  return [
    centralRoute({
      method: 'PUT',
      url: BACKUP_ROUTES.upload,
      summary: 'Upload the box’s newest backup of its store database (gzip, streamed)',
      description:
        `The body is the gzip of a consistent copy of the store's SQLite database (\`Content-Type: ${BACKUP_CONTENT_TYPE}\`); ` +
        `\`${BACKUP_HEADERS.sha256}\` is the sha256 of those bytes, \`${BACKUP_HEADERS.seq}\` the highest outbox seq in the ` +
        `copy, \`${BACKUP_HEADERS.takenAt}\` when it was taken. Bytes that do not match their sha256 are refused (400) ` +
        'and nothing is kept. The same backup again changes nothing (`stored: false`); central keeps the newest few ' +
        'per store. A token uploads only its own store (403).',
      tags: ['sync', 'backups'],
      access: 'store',
      params: StoreParams,
      response: StoreBackupAck,
      errors: [400, 403, 413],
      handler: async ({ auth: caller, params, request }) => {
        const store = storeOf(caller);
        if (params.storeId !== store.storeId)
          throw forbidden(`this token belongs to store ${store.storeId}, not ${params.storeId}`);
        const headers = BackupUploadHeaders.safeParse(request.headers);
        if (!headers.success)
          throw badRequest(
            `the backup's headers: ${headers.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          );
        const body = request.body as Readable | undefined;
        if (!body || typeof body.pipe !== 'function')
          throw badRequest(`the body is the backup's gzip bytes with Content-Type: ${BACKUP_CONTENT_TYPE}`);
        const declared = Number(request.headers['content-length']);
        try {
          return await ctx.backups.save(
            {
              storeId: store.storeId,
              sha256: headers.data[BACKUP_HEADERS.sha256],
              seq: headers.data[BACKUP_HEADERS.seq],
              takenAt: headers.data[BACKUP_HEADERS.takenAt],
            },
            body,
            Number.isFinite(declared) ? declared : undefined,
          );
        } catch (err) {
          if (err instanceof BackupUploadError)
            throw err.status === 413
              ? new ApiHttpError(413, 'payload_too_large', err.message)
              : badRequest(err.message);
          throw err;
        }
      },
    }),
    centralRoute({
      method: 'GET',
      url: BACKUP_ROUTES.list,
      summary: 'The store’s box backups at central, newest first',
      description: 'A store outside your scope answers 404, like one that does not exist.',
      tags: ['backups'],
      access: BACKUP_READERS,
      params: StoreParams,
      response: StoreBackupList,
      errors: [404],
      handler: async ({ auth: caller, params }) => {
        if (!(await ctx.directory.store(params.storeId, scopeOf(userOf(caller)))))
          throw notFound(OUT_OF_SCOPE);
        return { storeId: params.storeId, backups: await ctx.backups.list(params.storeId) };
      },
    }),
    centralRoute({
      method: 'GET',
      url: BACKUP_ROUTES.latest,
      summary: 'Download the store’s newest box backup (to restore a replacement box)',
      description:
        `The gzip bytes as the box sent them, with \`${BACKUP_HEADERS.sha256}\`, \`${BACKUP_HEADERS.seq}\` and ` +
        `\`${BACKUP_HEADERS.takenAt}\`, and \`${BACKUP_HEADERS.centralSeq}\`: the highest sync seq central holds for ` +
        'the store, above which the restored box numbers its new events. An admin, or the store’s own token.',
      tags: ['backups'],
      access: { ownStoreToken: true, roles: ADMINS },
      params: StoreParams,
      response: z.string().optional().describe('the gzip of the store database'),
      contentType: BACKUP_CONTENT_TYPE,
      errors: [404],
      handler: async ({ auth: caller, params, reply }) => {
        if (caller?.kind === 'store') {
          if (caller.store.storeId !== params.storeId)
            throw forbidden(`this token belongs to store ${caller.store.storeId}, not ${params.storeId}`);
        } else if (!(await ctx.directory.store(params.storeId, scopeOf(userOf(caller))))) {
          throw notFound(OUT_OF_SCOPE);
        }
        const latest = await ctx.backups.latest(params.storeId);
        if (!latest) throw notFound(`no backup of store ${params.storeId} at central yet`);
        const { backup } = latest;
        reply
          .header('content-type', BACKUP_CONTENT_TYPE)
          .header('content-length', String(backup.size))
          .header('content-disposition', `attachment; filename="${backup.takenAt}.sqlite.gz"`)
          .header('cache-control', 'no-store')
          .header(BACKUP_HEADERS.sha256, backup.sha256)
          .header(BACKUP_HEADERS.seq, String(backup.seq))
          .header(BACKUP_HEADERS.takenAt, String(backup.takenAt))
          .header(BACKUP_HEADERS.centralSeq, String(await highestSeq(params.storeId)));
        // Streamed from disk: a backup is tens of MB. The registry sets one body per route, so this one sends itself.
        const written = finished(reply.raw);
        reply.send(createReadStream(latest.path));
        await written.catch((err: unknown) => reply.log.info({ err }, 'backup download ended early'));
        return undefined;
      },
    }),
  ];
}
