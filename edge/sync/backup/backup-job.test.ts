import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { BACKUP_HEADERS } from '../../../shared/sync/backup-protocol';
import { type Database, openDatabase } from '../../store/database';
import { OutboxWriter } from '../outbox-writer';
import { BACKUP_WORK_DIR, BackupJob } from './backup-job';

const STORE = 'store-bk';
const TOKEN = 'gst_bk.secret';

interface Received {
  sha256: string;
  seq: number;
  takenAt: number;
  body: Buffer;
}

/**
 * The central side of the upload, as small as it can be and real on the wire: it checks
 * the token and the sha256 and keeps the bytes; `refuse` answers 503 that many times.
 */
class BackupReceiver {
  readonly received: Received[] = [];
  refuse = 0;
  readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const sha256 = String(req.headers[BACKUP_HEADERS.sha256]);
      if (req.headers.authorization !== `Bearer ${TOKEN}` || req.url !== `/api/stores/${STORE}/backups`)
        return res.writeHead(403).end('{}');
      if (this.refuse > 0) {
        this.refuse--;
        return res.writeHead(503).end('{"error":"unavailable"}');
      }
      if (createHash('sha256').update(body).digest('hex') !== sha256) return res.writeHead(400).end('{}');
      const entry = {
        sha256,
        seq: Number(req.headers[BACKUP_HEADERS.seq]),
        takenAt: Number(req.headers[BACKUP_HEADERS.takenAt]),
        body,
      };
      this.received.push(entry);
      const backup = {
        storeId: STORE,
        ...entry,
        size: body.length,
        uploadedAt: entry.takenAt,
        body: undefined,
      };
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ stored: true, backup, kept: 12 }));
    });
  });
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The copy central received, opened as the database it is. */
function openReceived(received: Received, dir: string): BetterSqlite3.Database {
  const file = join(dir, `${received.takenAt}-${received.sha256.slice(0, 8)}.sqlite`);
  writeFileSync(file, gunzipSync(received.body));
  return new BetterSqlite3(file, { readonly: true });
}

describe('the box backup job', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-backup-'));
  const copies = mkdtempSync(join(tmpdir(), 'galley-backup-copies-'));
  const receiver = new BackupReceiver();
  const clock = new FakeClock(Date.UTC(2026, 11, 7, 9, 0));
  let db: Database;
  let writer: OutboxWriter;
  let job: BackupJob;

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    db = openDatabase(dataDir);
    writer = new OutboxWriter(db, STORE);
    job = new BackupJob({
      dataDir,
      storeId: STORE,
      clock,
      logger: silentLogger(),
      settings: () => ({ enabled: true, intervalMinutes: 5 }),
      central: { url: receiver.url, token: TOKEN },
      backoff: { baseMs: 30_000, maxMs: 300_000 },
      random: () => 0,
    });
  });
  afterAll(async () => {
    await job.stop();
    db.close();
    await new Promise((resolve) => receiver.server.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(copies, { recursive: true, force: true });
  });

  const change = (n: number) =>
    db.transaction(() => {
      for (let i = 0; i < n; i++)
        writer.append({ type: 'ticket.transition', entityId: i, ts: clock.now(), payload: { i } });
    })();

  it('uploads a consistent copy with the outbox seq, then nothing until another connection commits', async () => {
    change(40);
    job.start();
    expect(receiver.received).toHaveLength(0);
    clock.advance(5 * 60_000);
    await until(() => receiver.received.length === 1, 'the first upload');
    const first = receiver.received[0] as Received;
    expect(first.seq).toBe(40);
    const copy = openReceived(first, copies);
    expect(copy.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 40 });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // Noting the upload is written by the job itself: no change, no copy.
    expect(await job.runOnce()).toBe('unchanged');
    clock.advance(5 * 60_000);
    expect(await job.runOnce()).toBe('unchanged');
    expect(receiver.received).toHaveLength(1);
    expect(job.status().last?.sha256).toBe(first.sha256);

    change(1);
    expect(await job.runOnce()).toBe('uploaded');
    expect(receiver.received.map((r) => r.seq)).toEqual([40, 41]);
    // The work folder is left empty: the copy and its gzip are removed once sent.
    expect(readdirSync(join(dataDir, BACKUP_WORK_DIR))).toEqual([]);
  });

  it('retries a refused upload after its back-off, not at the next interval', async () => {
    change(2);
    receiver.refuse = 1;
    const t = clock.now();
    expect(await job.runOnce(t)).toBe('deferred');
    expect(job.status().failures).toBe(1);
    // random 0: half of the first step, 15 s.
    expect(job.status().retryAt).toBe(t + 15_000);
    expect(await job.runOnce(t + 1_000)).toBe('deferred');
    clock.advance(15_000);
    await until(() => receiver.received.length === 3, 'the retried upload');
    expect((receiver.received[2] as Received).seq).toBe(43);
    await until(() => job.status().retryAt === null, 'the back-off to clear');
  });
});
