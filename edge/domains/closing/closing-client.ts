import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { z } from 'zod';
import {
  ArchiveFileAck,
  STORE_ARCHIVE_ROUTES,
  StoreArchiveAck,
  type StoreArchiveManifest,
  StoreClosingStatus,
  storeArchivePath,
} from '../../../shared/central/store-archive-api';
import { StoreStateChange } from '../../../shared/central/store-lifecycle';
import type { CentralEndpoint } from '../../sync/central-client';
import { SyncError } from '../../sync/sync-errors';

/** Node's fetch streams a body only when told it is half-duplex (the DOM type does not know it). */
type StreamingInit = RequestInit & { duplex: 'half' };

/**
 * The closing run's calls to central with the store token. Each answers central's
 * validated reply or throws a SyncError naming the call, like every sync call.
 */
export class ClosingClient {
  readonly #base: string;

  constructor(
    private readonly endpoint: CentralEndpoint,
    private readonly storeId: string,
    private readonly timeoutMs: number,
  ) {
    this.#base = endpoint.url.replace(/\/+$/, '');
  }

  status(): Promise<StoreClosingStatus> {
    return this.#call(
      'GET',
      storeArchivePath(STORE_ARCHIVE_ROUTES.closing, this.storeId),
      {},
      StoreClosingStatus,
    );
  }

  /** Streams the file from disk, gzip on the wire: the database never sits whole in memory here. */
  uploadFile(path: string, name: string): Promise<ArchiveFileAck> {
    const body = Readable.toWeb(createReadStream(path).pipe(createGzip({ level: 6 }))) as ReadableStream;
    const init: StreamingInit = {
      body,
      duplex: 'half',
      headers: { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' },
    };
    return this.#call(
      'PUT',
      storeArchivePath(STORE_ARCHIVE_ROUTES.file, this.storeId, name),
      init,
      ArchiveFileAck,
    );
  }

  commit(manifest: StoreArchiveManifest): Promise<StoreArchiveAck> {
    return this.#call(
      'PUT',
      storeArchivePath(STORE_ARCHIVE_ROUTES.archive, this.storeId),
      { body: JSON.stringify(manifest), headers: { 'content-type': 'application/json' } },
      StoreArchiveAck,
    );
  }

  complete(): Promise<StoreStateChange> {
    return this.#call(
      'POST',
      storeArchivePath(STORE_ARCHIVE_ROUTES.complete, this.storeId),
      {},
      StoreStateChange,
    );
  }

  async #call<S extends z.ZodType>(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    init: RequestInit,
    schema: S,
  ): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        ...init,
        method,
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: `Bearer ${this.endpoint.token}`,
        },
      });
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError')
        throw new SyncError('SYNC_TIMEOUT', `${method} ${path}: central did not answer in time`);
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      throw new SyncError('SYNC_UNREACHABLE', `${method} ${path}: central unreachable (${cause})`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok)
      throw new SyncError(
        'SYNC_HTTP_STATUS',
        `${method} ${path}: central answered ${response.status} ${text.slice(0, 300)}`.trim(),
        response.status,
      );
    let parsed: ReturnType<S['safeParse']>;
    try {
      parsed = schema.safeParse(JSON.parse(text)) as ReturnType<S['safeParse']>;
    } catch (err) {
      throw new SyncError(
        'SYNC_BAD_RESPONSE',
        `${method} ${path}: answer is not JSON: ${(err as Error).message}`,
      );
    }
    if (!parsed.success)
      throw new SyncError('SYNC_BAD_RESPONSE', `${method} ${path}: unexpected answer from central`);
    return parsed.data as z.infer<S>;
  }
}
