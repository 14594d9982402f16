import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { z } from 'zod';
import {
  type ConfigApplyReport,
  PushedConfig,
  SYNC_ROUTES,
  type SyncBatch,
  SyncBatchAck,
  SyncBatchRefused,
} from '../../shared/sync/sync-protocol';
import { SyncError } from './sync-errors';

const gzipAsync = promisify(gzip);

export interface CentralEndpoint {
  /** e.g. `https://central.example.com` (a path prefix is kept) */
  url: string;
  /** the store token, `gst_<id>.<secret>` */
  token: string;
}

export interface CentralClientOptions extends CentralEndpoint {
  timeoutMs: number;
}

/**
 * The edge's HTTP(S) client for the sync protocol. Every call either returns central's
 * validated answer or throws a SyncError; `abort()` ends the call in flight (on stop).
 */
export class CentralClient {
  readonly #options: CentralClientOptions;
  readonly #base: string;
  #aborter = new AbortController();

  constructor(options: CentralClientOptions) {
    this.#options = options;
    this.#base = options.url.replace(/\/+$/, '');
  }

  get url(): string {
    return this.#options.url;
  }

  /** Posts a batch gzip-compressed; central stores each (store, seq) once. */
  async postBatch(batch: SyncBatch): Promise<SyncBatchAck> {
    // Level 1: most of the saving on repetitive JSON for a fraction of the CPU of the default level.
    const body = Uint8Array.from(await gzipAsync(Buffer.from(JSON.stringify(batch)), { level: 1 }));
    const response = await this.#request('POST', SYNC_ROUTES.batches, {
      body,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    return parseBody(SyncBatchAck, await this.#json(response), SYNC_ROUTES.batches);
  }

  /** The pushed config newer than `after`, or undefined when central has none (204). */
  async fetchConfig(after: number): Promise<PushedConfig | undefined> {
    const response = await this.#request('GET', `${SYNC_ROUTES.config}?after=${after}`, {});
    if (response.status === 204) return undefined;
    return parseBody(PushedConfig, await this.#json(response), SYNC_ROUTES.config);
  }

  async postConfigReport(report: ConfigApplyReport): Promise<void> {
    const response = await this.#request('POST', SYNC_ROUTES.configReport, {
      body: JSON.stringify(report),
      headers: { 'content-type': 'application/json' },
    });
    await response.arrayBuffer();
  }

  /** Ends the request in flight; later requests work again. */
  abort(): void {
    this.#aborter.abort();
    this.#aborter = new AbortController();
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: Uint8Array<ArrayBuffer> | string; headers?: Record<string, string> },
  ): Promise<Response> {
    const signal = AbortSignal.any([this.#aborter.signal, AbortSignal.timeout(this.#options.timeoutMs)]);
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        method,
        signal,
        ...(init.body !== undefined ? { body: init.body } : {}),
        headers: { authorization: `Bearer ${this.#options.token}`, ...init.headers },
      });
    } catch (err) {
      throw networkError(err, method, path);
    }
    if (response.status >= 200 && response.status < 300) return response;
    const text = await response.text().catch(() => '');
    throw new SyncError(
      'SYNC_HTTP_STATUS',
      `${method} ${path}: central answered ${response.status} ${text.slice(0, 300)}`.trim(),
      response.status,
      response.status === 400 ? refusedEventsIn(text) : undefined,
    );
  }

  async #json(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch (err) {
      throw new SyncError('SYNC_BAD_RESPONSE', `central's answer is not JSON: ${(err as Error).message}`);
    }
  }
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown, path: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new SyncError('SYNC_BAD_RESPONSE', `${path}: unexpected answer from central: ${issues.join('; ')}`);
}

/** The events central named in a SyncBatchRefused answer; undefined when it names none (an older central). */
function refusedEventsIn(text: string): SyncBatchRefused['refusedEvents'] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined; // not JSON (a proxy's page): nothing named
  }
  const parsed = SyncBatchRefused.safeParse(body);
  return parsed.success ? parsed.data.refusedEvents : undefined;
}

function networkError(err: unknown, method: string, path: string): SyncError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError')
    return new SyncError('SYNC_TIMEOUT', `${method} ${path}: central did not answer in time`);
  if (name === 'AbortError') return new SyncError('SYNC_STOPPED', `${method} ${path}: aborted`);
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
  return new SyncError('SYNC_UNREACHABLE', `${method} ${path}: central unreachable (${cause})`);
}
