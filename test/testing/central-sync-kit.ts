import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralService } from '../../cloud-sync/central/central-service';
import { createRootLogger, silentLogger } from '../../shared/server/runtime/logger';
import type { SyncEvent } from '../../shared/sync/sync-protocol';

export const CENTRAL_ADMIN_PASSWORD = 'central-admin-password';

/**
 * The real central service (`galley central`'s CentralService) on a SQLite file in a
 * temp dir, on a loopback port that survives `down()`/`up()`, so an edge configured with
 * its URL reconnects after an outage. Reads what central stored straight from its tables.
 */
export class RealCentral {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'galley-central-'));
  readonly #tokens = new Map<string, string>();
  #service: CentralService | undefined;
  #port = 0;

  private constructor() {}

  /** Starts central with these stores (region `east-china`) and one sync token each. */
  static async start(storeIds: string[]): Promise<RealCentral> {
    const central = new RealCentral();
    await central.up();
    for (const id of storeIds) {
      await central.service.central.directory.addStore({ id, regionId: 'east-china', state: 'open' });
      central.#tokens.set(id, (await central.service.central.tokens.issue(id)).token);
    }
    return central;
  }

  get service(): CentralService {
    if (!this.#service) throw new Error('central is down');
    return this.#service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  tokenOf(storeId: string): string {
    const token = this.#tokens.get(storeId);
    if (!token) throw new Error(`no token for ${storeId}`);
    return token;
  }

  /** Listens again on the same port (a free one the first time), on the same database. */
  async up(): Promise<void> {
    if (this.#service) return;
    const service = new CentralService({
      dataDir: this.dataDir,
      logger: process.env.GALLEY_TEST_LOG
        ? createRootLogger('galley-central', process.env.GALLEY_TEST_LOG)
        : silentLogger(),
      port: this.#port,
      adminPassword: CENTRAL_ADMIN_PASSWORD,
      webDir: join(this.dataDir, 'no-web'),
    });
    await service.start();
    this.#service = service;
    this.#port = service.port;
  }

  /** An outage: the HTTP server and the database close; the port stays reserved for `up()`. */
  async down(): Promise<void> {
    const service = this.#service;
    this.#service = undefined;
    await service?.stop();
  }

  /** Every event central stored for the store, by seq, as the edge sent it. */
  async events(storeId: string): Promise<SyncEvent[]> {
    const rows = await this.service.central.database.db
      .selectFrom('sync_events')
      .select(['seq', 'ts', 'type', 'entity_id', 'payload'])
      .where('store_id', '=', storeId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      ts: r.ts,
      type: r.type,
      entityId: r.entity_id,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    }));
  }

  /** Seqs in the order central first stored them (its global event id). */
  async receivedOrder(storeId: string): Promise<number[]> {
    const rows = await this.service.central.database.db
      .selectFrom('sync_events')
      .select('seq')
      .where('store_id', '=', storeId)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.seq);
  }

  async close(): Promise<void> {
    await this.down();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * An HTTP relay in front of central: forwards each request and, for sync batches, runs
 * `afterCentralAnswered` once central has committed and answered but before the edge
 * hears it. Central stays the real service; only the moment of a crash is controlled.
 */
export class AckRelay {
  afterCentralAnswered: ((path: string) => Promise<void>) | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;
  #port = 0;

  constructor(readonly targetUrl: string) {
    this.#server = createServer((req, res) => {
      const target = new URL(req.url ?? '/', targetUrl);
      const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const hook = this.afterCentralAnswered;
          const relay = () => {
            if (res.destroyed) return;
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
          };
          if (!hook || target.pathname !== '/api/sync/batches') return relay();
          hook(target.pathname).then(relay, () => res.destroy());
        });
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = this.#server.address();
    this.#port = typeof address === 'object' && address ? address.port : 0;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Polls `done` every 25 ms until it holds, or throws naming `what` after the timeout. */
export async function until(
  done: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
