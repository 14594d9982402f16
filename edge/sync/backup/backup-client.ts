import { createReadStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  BACKUP_CONTENT_TYPE,
  BACKUP_HEADERS,
  backupUploadPath,
  StoreBackupAck,
} from '../../../shared/sync/backup-protocol';
import type { CentralEndpoint } from '../central-client';
import { SyncError } from '../sync-errors';

export interface BackupUpload {
  storeId: string;
  /** the gzip file */
  file: string;
  packedBytes: number;
  sha256: string;
  seq: number;
  takenAt: number;
}

/**
 * Streams one packed database copy to central with the store token: the file is read as
 * it is sent, never held in memory whole. Either central's validated acknowledgement or a
 * SyncError, like every call of the sync protocol.
 */
export class BackupClient {
  readonly #base: URL;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(endpoint: CentralEndpoint, timeoutMs: number) {
    this.#base = new URL(endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`);
    this.#token = endpoint.token;
    this.#timeoutMs = timeoutMs;
  }

  async upload(upload: BackupUpload): Promise<StoreBackupAck> {
    const path = backupUploadPath(upload.storeId);
    const url = new URL(path.slice(1), this.#base);
    const { status, text } = await this.#put(url, upload).catch((err: unknown) => {
      if (err instanceof SyncError) throw err;
      throw new SyncError('SYNC_UNREACHABLE', `PUT ${path}: central unreachable (${(err as Error).message})`);
    });
    if (status < 200 || status >= 300)
      throw new SyncError(
        'SYNC_HTTP_STATUS',
        `PUT ${path}: central answered ${status} ${text.slice(0, 300)}`.trim(),
        status,
      );
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new SyncError('SYNC_BAD_RESPONSE', `central's answer is not JSON: ${(err as Error).message}`);
    }
    const parsed = StoreBackupAck.safeParse(body);
    if (!parsed.success)
      throw new SyncError('SYNC_BAD_RESPONSE', `PUT ${path}: unexpected answer from central`);
    return parsed.data;
  }

  #put(url: URL, upload: BackupUpload): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        method: 'PUT',
        timeout: this.#timeoutMs,
        headers: {
          authorization: `Bearer ${this.#token}`,
          'content-type': BACKUP_CONTENT_TYPE,
          'content-length': String(upload.packedBytes),
          [BACKUP_HEADERS.sha256]: upload.sha256,
          [BACKUP_HEADERS.seq]: String(upload.seq),
          [BACKUP_HEADERS.takenAt]: String(upload.takenAt),
        },
      });
      req.once('timeout', () =>
        req.destroy(new SyncError('SYNC_TIMEOUT', `PUT ${url.pathname}: central did not answer in time`)),
      );
      req.once('error', reject);
      req.once('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', reject);
        res.once('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      const body = createReadStream(upload.file);
      body.once('error', (err) => req.destroy(err));
      body.pipe(req);
    });
  }
}
