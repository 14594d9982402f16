import {
  ArchivedReportAck,
  type ArchivedReportUpload,
  REPORT_ARCHIVE_ROUTES,
} from '../../../../shared/central/food-safety-report-archive-api';
import type { CentralEndpoint } from '../../../sync/central-client';
import { SyncError } from '../../../sync/sync-errors';

/**
 * Sends one archived report file to central with the store token. Either central's
 * validated acknowledgement or a SyncError, like every call of the sync protocol.
 */
export class ReportArchiveClient {
  readonly #base: string;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(endpoint: CentralEndpoint, timeoutMs: number) {
    this.#base = endpoint.url.replace(/\/+$/, '');
    this.#token = endpoint.token;
    this.#timeoutMs = timeoutMs;
  }

  async upload(upload: ArchivedReportUpload): Promise<ArchivedReportAck> {
    const path = REPORT_ARCHIVE_ROUTES.upload;
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        method: 'POST',
        signal: AbortSignal.timeout(this.#timeoutMs),
        body: JSON.stringify(upload),
        headers: { authorization: `Bearer ${this.#token}`, 'content-type': 'application/json' },
      });
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError')
        throw new SyncError('SYNC_TIMEOUT', `POST ${path}: central did not answer in time`);
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      throw new SyncError('SYNC_UNREACHABLE', `POST ${path}: central unreachable (${cause})`);
    }
    const text = await response.text().catch(() => '');
    if (response.status < 200 || response.status >= 300)
      throw new SyncError(
        'SYNC_HTTP_STATUS',
        `POST ${path}: central answered ${response.status} ${text.slice(0, 300)}`.trim(),
        response.status,
      );
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new SyncError('SYNC_BAD_RESPONSE', `central's answer is not JSON: ${(err as Error).message}`);
    }
    const parsed = ArchivedReportAck.safeParse(body);
    if (!parsed.success)
      throw new SyncError('SYNC_BAD_RESPONSE', `POST ${path}: unexpected answer from central`);
    return parsed.data;
  }
}
