import { finished } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { StoreParams } from '../../../shared/central/api';
import {
  ArchiveFileAck,
  ArchiveFileParams,
  STORE_ARCHIVE_FILE_MAX_BYTES,
  STORE_ARCHIVE_ROUTES,
  StoreArchiveAck,
  StoreArchiveManifest,
  StoreArchiveView,
  StoreClosingStatus,
} from '../../../shared/central/store-archive-api';
import { StoreCommandView } from '../../../shared/central/store-commands';
import { StoreStateChange } from '../../../shared/central/store-lifecycle';
import { ApiHttpError, badRequest, forbidden, notFound } from '../../../shared/server/http/errors';
import { type Caller, type CentralRoute, centralRoute, storeOf, userOf } from '../api/central-route';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { StoreCommands } from '../commands/store-commands';
import {
  ArchiveMismatchError,
  archiveRetentionMs,
  commitArchive,
  saveArchiveFile,
  storeArchive,
  storeArchiveFile,
} from './store-archive-store';
import { StoreLifecycles } from './store-lifecycle';

const OUT_OF_SCOPE = 'no such store in your scope';
/** Who reads a closed store's archive: the people who close stores (store-lifecycle-routes.ts). */
export const ARCHIVE_READERS = ['admin', 'regional_manager'] as const;

/**
 * The file upload's body is the file itself (`application/octet-stream`, optionally gzip on
 * the wire), up to STORE_ARCHIVE_FILE_MAX_BYTES; every other route keeps the server's limit.
 * Call before the routes are mounted.
 */
export function allowStoreArchiveBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.addHook('onRoute', (route) => {
    if (route.url === STORE_ARCHIVE_ROUTES.file && route.method === 'PUT')
      route.bodyLimit = STORE_ARCHIVE_FILE_MAX_BYTES;
  });
}

/** A closing store's archive: sent by its box with the store token, read by admins and the region. */
export function storeArchiveRoutes(
  ctx: Pick<CentralContext, 'database' | 'clock' | 'directory'>,
  retentionMs = archiveRetentionMs(),
): CentralRoute[] {
  const { db } = ctx.database;
  const lifecycles = new StoreLifecycles({ db, clock: ctx.clock });
  const commands = new StoreCommands({ db, clock: ctx.clock });

  /** The box's own store, and only while it is closing (earlier it has nothing to archive; later its token is dead). */
  async function closingStore(caller: Caller | undefined, storeId: string): Promise<void> {
    const store = storeOf(caller);
    if (store.storeId !== storeId)
      throw forbidden(`this token belongs to store ${store.storeId}, not ${storeId}`);
    const { state } = await lifecycles.current(storeId);
    if (state !== 'closing')
      throw new ApiHttpError(
        409,
        'conflict',
        `store ${storeId} is ${state}: an archive is taken only while the store is closing (regional operations move it there)`,
      );
  }
  async function readable(caller: Caller | undefined, storeId: string): Promise<void> {
    if (!(await ctx.directory.store(storeId, scopeOf(userOf(caller))))) throw notFound(OUT_OF_SCOPE);
  }

  return [
    centralRoute({
      method: 'GET',
      url: STORE_ARCHIVE_ROUTES.closing,
      summary: 'For a box that is closing: its store state and the highest sync seq central holds',
      description:
        'The box compares `highestSeq` with the last seq it handed out before it archives: the final sync is ' +
        'confirmed only when central holds everything. A token reads only its own store (403).',
      tags: ['sync', 'stores'],
      access: 'store',
      params: StoreParams,
      response: StoreClosingStatus,
      errors: [403, 404],
      handler: async ({ auth, params }) => {
        if (storeOf(auth).storeId !== params.storeId)
          throw forbidden(`this token belongs to store ${storeOf(auth).storeId}, not ${params.storeId}`);
        const store = await db
          .selectFrom('stores')
          .select(['state', 'highest_seq'])
          .where('id', '=', params.storeId)
          .executeTakeFirst();
        if (!store) throw notFound(`no store ${params.storeId}`);
        return {
          storeId: params.storeId,
          state: (await lifecycles.current(params.storeId)).state,
          highestSeq: Number(store.highest_seq),
        };
      },
    }),
    centralRoute({
      method: 'PUT',
      url: STORE_ARCHIVE_ROUTES.file,
      summary: 'One file of a closing store’s archive, as the box wrote it',
      description:
        'The body is the file (`Content-Type: application/octet-stream`; `Content-Encoding: gzip` on the wire ' +
        'is unpacked first). Central answers the SHA-256 and size it computed; the same name again replaces ' +
        'the file. Only while the store is closing (409), only its own store (403).',
      tags: ['sync', 'stores'],
      access: 'store',
      params: ArchiveFileParams,
      response: ArchiveFileAck,
      errors: [400, 403, 409, 413],
      handler: async ({ auth, params, request }) => {
        await closingStore(auth, params.storeId);
        if (!Buffer.isBuffer(request.body))
          throw badRequest('send the file itself as Content-Type: application/octet-stream');
        return saveArchiveFile(db, params.storeId, params.name, request.body, ctx.clock.now());
      },
    }),
    centralRoute({
      method: 'PUT',
      url: STORE_ARCHIVE_ROUTES.archive,
      summary: 'A closing store’s archive manifest: central checks every file against it',
      description:
        'Every file the manifest names must have been sent, with the SHA-256 and size central computed from ' +
        'the bytes it received (400 lists each mismatch; nothing is kept). The answer, `checksumsVerified: ' +
        'true`, is what lets the box wipe itself. Kept until `retentionUntil` (GALLEY_ARCHIVE_RETENTION_YEARS, ' +
        'default 7).',
      tags: ['sync', 'stores'],
      access: 'store',
      params: StoreParams,
      body: StoreArchiveManifest,
      response: StoreArchiveAck,
      errors: [400, 403, 409],
      handler: async ({ auth, params, body }) => {
        await closingStore(auth, params.storeId);
        if (body.storeId !== params.storeId)
          throw badRequest(`the manifest is of store ${body.storeId}, not ${params.storeId}`);
        try {
          return await commitArchive(db, body, ctx.clock.now(), retentionMs);
        } catch (err) {
          if (err instanceof ArchiveMismatchError) throw badRequest(err.message);
          throw err;
        }
      },
    }),
    centralRoute({
      method: 'POST',
      url: STORE_ARCHIVE_ROUTES.complete,
      summary: 'The box’s last word: its archive is in, move the store to closed',
      description:
        'Only once central holds the store’s archive (409 before). The store moves closing → closed, recorded ' +
        'as by `store:<id>`, and every token of the store is refused from the next request on.',
      tags: ['sync', 'stores'],
      access: 'store',
      params: StoreParams,
      response: StoreStateChange,
      status: 201,
      errors: [403, 409],
      handler: async ({ auth, params }) => {
        await closingStore(auth, params.storeId);
        const archive = await storeArchive(db, params.storeId);
        if (!archive)
          throw new ApiHttpError(
            409,
            'conflict',
            'central holds no archive of this store yet: send it first',
          );
        return lifecycles.change(
          params.storeId,
          {
            to: 'closed',
            reason: `archive of ${archive.manifest.files.length} files through seq ${archive.finalSeq} verified`,
            override: false,
          },
          `store:${params.storeId}`,
        );
      },
    }),
    centralRoute({
      method: 'POST',
      url: STORE_ARCHIVE_ROUTES.run,
      summary: 'Ask a closing store’s box to run its closing (final sync, revoke, archive, closed)',
      description:
        'Queues a `store.close` store command; the box runs the steps of `galley store close` itself, retrying ' +
        'until its outbox has drained, and the store moves to closed when central has verified its archive. ' +
        'Only for a store that is closing (409). Admins every store, regional managers their region. The box ' +
        'is wiped on command at the box (`galley store wipe`).',
      tags: ['stores'],
      access: ARCHIVE_READERS,
      params: StoreParams,
      response: StoreCommandView,
      status: 202,
      errors: [404, 409],
      handler: async ({ auth, params }) => {
        const user = userOf(auth);
        await readable(auth, params.storeId);
        const { state } = await lifecycles.current(params.storeId);
        if (state !== 'closing')
          throw new ApiHttpError(
            409,
            'conflict',
            `store ${params.storeId} is ${state}: move it to closing first`,
          );
        return commands.issue(params.storeId, { kind: 'store.close' }, user.username);
      },
    }),
    centralRoute({
      method: 'GET',
      url: STORE_ARCHIVE_ROUTES.archive,
      summary: 'A closed store’s archive: its manifest, final seq, size and retention',
      description: 'Admins every store; regional managers the stores of their region (404 otherwise).',
      tags: ['stores'],
      access: ARCHIVE_READERS,
      params: StoreParams,
      response: StoreArchiveView,
      errors: [404],
      handler: async ({ auth, params }) => {
        await readable(auth, params.storeId);
        const archive = await storeArchive(db, params.storeId);
        if (!archive) throw notFound(`no archive of store ${params.storeId}`);
        return archive;
      },
    }),
    centralRoute({
      method: 'GET',
      url: STORE_ARCHIVE_ROUTES.file,
      summary: 'Download one file of a closed store’s archive',
      description:
        'The bytes as the box sent them, with `X-Content-SHA256` (what central computed on receipt) and a ' +
        'Content-Disposition file name. Admins every store; regional managers their region.',
      tags: ['stores'],
      access: ARCHIVE_READERS,
      params: ArchiveFileParams,
      response: z.string().optional().describe('the file: application/octet-stream'),
      contentType: 'application/octet-stream',
      errors: [404],
      handler: async ({ auth, params, reply }) => {
        await readable(auth, params.storeId);
        const file = await storeArchiveFile(db, params.storeId, params.name);
        if (!file) throw notFound(`no file ${params.name} in the archive of store ${params.storeId}`);
        reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', `attachment; filename="${params.storeId}_${params.name}"`)
          .header('x-content-sha256', file.sha256)
          .header('cache-control', 'no-store');
        const written = finished(reply.raw);
        reply.send(file.body);
        await written.catch((err: unknown) => reply.log.info({ err }, 'archive download ended early'));
        return undefined;
      },
    }),
  ];
}
