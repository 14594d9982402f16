import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import {
  ConfigApplyReport,
  type ConfigOverlay,
  type PushedConfig,
  SYNC_ROUTES,
  SyncBatch,
  type SyncBatchAck,
  type SyncBatchRefused,
  type SyncEvent,
} from '../../../shared/sync/sync-protocol';

export interface TestCentralStore {
  storeId: string;
  token: string;
}

export interface WireRecord {
  method: string;
  path: string;
  contentEncoding: string | undefined;
  bytes: number;
  status: number;
}

/** Says why central refuses an event, or undefined when it accepts it. */
export type EventRefusalRule = (event: SyncEvent) => string | undefined;

export interface StoredEvent extends SyncEvent {
  storeId: string;
}

/**
 * A small, real implementation of the central side of the sync protocol for tests:
 * HTTP on a loopback port, events kept once per (store, seq) in a SQLite file, config
 * versions and apply reports. It is a fixture of the protocol (shared/sync), so the edge
 * can be tested against it before and apart from the central service itself.
 */
export class TestCentral {
  readonly wire: WireRecord[] = [];
  /** runs after a batch is committed and before its ack is sent (tests kill the edge here) */
  beforeAck: ((batch: SyncBatch) => Promise<void>) | undefined;
  readonly #dir = mkdtempSync(join(tmpdir(), 'galley-central-'));
  readonly #db: BetterSqlite3.Database;
  readonly #tokens: Map<string, string>;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #port = 0;
  #failNext: number[] = [];
  #refuse: EventRefusalRule | undefined;
  #nameRefused = true;
  /** sizes of the batches refused for their events, in order (how bisection went) */
  readonly refusedBatchSizes: number[] = [];

  constructor(stores: TestCentralStore[]) {
    this.#tokens = new Map(stores.map((s) => [s.token, s.storeId]));
    this.#db = new BetterSqlite3(join(this.#dir, 'central.sqlite'));
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`
      CREATE TABLE events (
        store_id TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, type TEXT NOT NULL,
        entity_id TEXT NOT NULL, payload TEXT NOT NULL, received_at INTEGER NOT NULL,
        PRIMARY KEY (store_id, seq)
      );
      CREATE TABLE stores (store_id TEXT PRIMARY KEY, dropped_rollups INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE configs (
        store_id TEXT NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL, overlay TEXT NOT NULL,
        PRIMARY KEY (store_id, version)
      );
      CREATE TABLE reports (store_id TEXT NOT NULL, version INTEGER NOT NULL, report TEXT NOT NULL);
    `);
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  /** Listens on `port` (0 = a free one; the same port again after `down()`). */
  async up(port = this.#port): Promise<void> {
    if (this.#server) return;
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => this.#send(req, res, 500, { error: String(err) }));
    });
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.#port = typeof address === 'object' && address ? address.port : port;
    this.#server = server;
  }

  /** An outage: stops listening and cuts every open connection. */
  async down(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.down();
    this.#db.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }

  /** The next batch posts answer these statuses instead of being stored. */
  failBatches(...statuses: number[]): void {
    this.#failNext.push(...statuses);
  }

  /**
   * Refuses every batch holding an event `rule` objects to, storing nothing of it, as
   * central refuses an invalid batch. `nameThem` answers as central does since protocol 2
   * (SyncBatchRefused, naming the events); false answers like an older central, with a
   * bare 400. `refuseEvents(undefined)` accepts everything again (central was fixed).
   */
  refuseEvents(rule: EventRefusalRule | undefined, nameThem = true): void {
    this.#refuse = rule;
    this.#nameRefused = nameThem;
  }

  events(storeId: string): StoredEvent[] {
    const rows = this.#db
      .prepare(
        'SELECT store_id, seq, ts, type, entity_id, payload FROM events WHERE store_id = ? ORDER BY seq',
      )
      .all(storeId) as {
      store_id: string;
      seq: number;
      ts: number;
      type: string;
      entity_id: string;
      payload: string;
    }[];
    return rows.map((r) => ({
      storeId: r.store_id,
      seq: r.seq,
      ts: r.ts,
      type: r.type,
      entityId: r.entity_id,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    }));
  }

  /** Events in the order they were received (insertion order of first delivery). */
  receivedOrder(storeId: string): number[] {
    return (
      this.#db.prepare('SELECT seq FROM events WHERE store_id = ? ORDER BY rowid').all(storeId) as {
        seq: number;
      }[]
    ).map((r) => r.seq);
  }

  droppedRollups(storeId: string): number {
    const row = this.#db.prepare('SELECT dropped_rollups AS n FROM stores WHERE store_id = ?').get(storeId) as
      | { n: number }
      | undefined;
    return row?.n ?? 0;
  }

  pushConfig(storeId: string, overlay: ConfigOverlay, createdAt = Date.now()): PushedConfig {
    const row = this.#db.prepare('SELECT max(version) AS v FROM configs WHERE store_id = ?').get(storeId) as {
      v: number | null;
    };
    const version = (row.v ?? 0) + 1;
    this.#db
      .prepare('INSERT INTO configs (store_id, version, created_at, overlay) VALUES (?, ?, ?, ?)')
      .run(storeId, version, createdAt, JSON.stringify(overlay));
    return { storeId, version, createdAt, overlay };
  }

  reports(storeId: string): ConfigApplyReport[] {
    return (
      this.#db.prepare('SELECT report FROM reports WHERE store_id = ? ORDER BY rowid').all(storeId) as {
        report: string;
      }[]
    ).map((r) => ConfigApplyReport.parse(JSON.parse(r.report)));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://central');
    const fail = url.pathname === SYNC_ROUTES.batches ? this.#failNext.shift() : undefined;
    if (fail !== undefined) return this.#send(req, res, fail, { error: 'injected failure' }, body.length);
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const storeId = auth === undefined ? undefined : this.#tokens.get(auth);
    if (!storeId) return this.#send(req, res, 401, { error: 'unknown store token' }, body.length);
    if (req.method === 'POST' && url.pathname === SYNC_ROUTES.batches) {
      const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      const parsed = SyncBatch.safeParse(JSON.parse(raw.toString('utf8')));
      if (!parsed.success) return this.#send(req, res, 400, { error: parsed.error.message }, body.length);
      if (parsed.data.storeId !== storeId)
        return this.#send(req, res, 403, { error: 'not your store' }, body.length);
      const refusal = this.#refusalOf(parsed.data);
      if (refusal) return this.#send(req, res, 400, refusal, body.length);
      const ack = this.#ingest(parsed.data);
      await this.beforeAck?.(parsed.data);
      return this.#send(req, res, 200, ack, body.length);
    }
    if (req.method === 'GET' && url.pathname === SYNC_ROUTES.config) {
      const after = Number(url.searchParams.get('after') ?? 0);
      const row = this.#db
        .prepare(
          'SELECT version, created_at, overlay FROM configs WHERE store_id = ? AND version > ? ORDER BY version DESC LIMIT 1',
        )
        .get(storeId, after) as { version: number; created_at: number; overlay: string } | undefined;
      if (!row) return this.#send(req, res, 204, undefined, body.length);
      const pushed: PushedConfig = {
        storeId,
        version: row.version,
        createdAt: row.created_at,
        overlay: JSON.parse(row.overlay) as ConfigOverlay,
      };
      return this.#send(req, res, 200, pushed, body.length);
    }
    if (req.method === 'POST' && url.pathname === SYNC_ROUTES.configReport) {
      const report = ConfigApplyReport.parse(JSON.parse(body.toString('utf8')));
      this.#db
        .prepare('INSERT INTO reports (store_id, version, report) VALUES (?, ?, ?)')
        .run(storeId, report.version, JSON.stringify(report));
      return this.#send(req, res, 200, { ok: true }, body.length);
    }
    return this.#send(req, res, 404, { error: 'no such route' }, body.length);
  }

  #refusalOf(batch: SyncBatch): SyncBatchRefused | { error: string; message: string } | undefined {
    const rule = this.#refuse;
    if (!rule) return undefined;
    const refusedEvents = batch.events.flatMap((event, index) => {
      const reason = rule(event);
      return reason === undefined ? [] : [{ index, seq: event.seq, reason }];
    });
    if (refusedEvents.length === 0) return undefined;
    this.refusedBatchSizes.push(batch.events.length);
    const message = `invalid request: ${refusedEvents.length} refused event(s)`;
    return this.#nameRefused
      ? { error: 'bad_request', message, refusedEvents }
      : { error: 'bad_request', message };
  }

  #ingest(batch: SyncBatch): SyncBatchAck {
    const insert = this.#db.prepare(
      'INSERT OR IGNORE INTO events (store_id, seq, ts, type, entity_id, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    return this.#db.transaction((): SyncBatchAck => {
      let inserted = 0;
      for (const e of batch.events) {
        inserted += insert.run(
          batch.storeId,
          e.seq,
          e.ts,
          e.type,
          e.entityId,
          JSON.stringify(e.payload),
          Date.now(),
        ).changes;
      }
      this.#db
        .prepare(
          `INSERT INTO stores (store_id, dropped_rollups) VALUES (?, ?)
           ON CONFLICT (store_id) DO UPDATE SET dropped_rollups = max(dropped_rollups, excluded.dropped_rollups)`,
        )
        .run(batch.storeId, batch.dropped?.rollups ?? 0);
      const highest = this.#db
        .prepare('SELECT max(seq) AS s FROM events WHERE store_id = ?')
        .get(batch.storeId) as {
        s: number | null;
      };
      return {
        storeId: batch.storeId,
        inserted,
        duplicates: batch.events.length - inserted,
        highestSeq: highest.s ?? 0,
      };
    })();
  }

  #send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, bytes = 0): void {
    this.wire.push({
      method: req.method ?? '',
      path: req.url ?? '',
      contentEncoding: req.headers['content-encoding'],
      bytes,
      status,
    });
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
