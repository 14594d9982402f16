import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { alarmView } from '../cloud-sync/central/testing/central-test-kit';
import { DATABASE_FILE, openDatabase } from '../edge/store/database';
import { OutboxWriter } from '../edge/sync/outbox-writer';
import { within } from '../shared/server/testing/mqtt-clients';
import { SYNC_MAX_EVENTS_PER_BATCH, type SyncEvent } from '../shared/sync/sync-protocol';
import { AckRelay, RealCentral, until } from './testing/central-sync-kit';
import { type EdgeProcess, startEdgeProcess } from './testing/edge-process';

const CONFIG = join(import.meta.dirname, '..', 'config', 'demo-store.yaml');
const STORE = 'demo-sh-001';
const BATCH = SYNC_MAX_EVENTS_PER_BATCH;
/** three full batches and a part: the edge dies while central commits the second */
const BACKLOG = 3 * BATCH + 300;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function stopEdge(edge: EdgeProcess): Promise<unknown> {
  if (edge.child.exitCode !== null || edge.child.signalCode !== null) return Promise.resolve();
  edge.child.kill('SIGTERM');
  return within(edge.exited, 15_000, 'edge stop');
}

interface OutboxRow {
  seq: number;
  ts: number;
  type: string;
  entity_id: string;
  payload: string;
}

describe('kill -9 of the edge mid-batch, against the real central', () => {
  it('after a restart central holds every event exactly once and the outbox is empty', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // A backlog written as the alarm and ticket services write it, before the edge runs.
    const db = openDatabase(dataDir);
    const writer = new OutboxWriter(db, STORE);
    db.transaction(() => {
      for (let i = 1; i <= BACKLOG; i++) {
        const ts = 1_767_600_000_000 + i;
        if (i % 3 === 1) {
          const alarm = alarmView({ id: i, equipmentId: 'wic-1', raisedAt: ts, updatedAt: ts });
          writer.append({ type: 'alarm.raised', entityId: i, ts, payload: alarm });
        } else {
          const type = i % 3 === 0 ? 'rollup.minute' : 'ticket.transition';
          writer.append({ type, entityId: i, ts, payload: { i } });
        }
      }
    })();
    const backlog = (
      db.prepare('SELECT seq, ts, type, entity_id, payload FROM outbox ORDER BY seq').all() as OutboxRow[]
    ).map(
      (r): SyncEvent => ({
        seq: r.seq,
        ts: r.ts,
        type: r.type,
        entityId: String(r.entity_id),
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      }),
    );
    db.close();

    const central = await RealCentral.start([STORE]);
    cleanups.push(() => central.close());
    // The relay lets the test crash the edge after central committed a batch and before
    // the edge hears the ack: the one moment a kill can cause a resend. Central is real.
    const relay = new AckRelay(central.url);
    await relay.listen();
    cleanups.push(() => relay.close());
    process.env.GALLEY_CENTRAL_URL = relay.url;
    process.env.GALLEY_CENTRAL_TOKEN = central.tokenOf(STORE);
    cleanups.push(() => {
      delete process.env.GALLEY_CENTRAL_URL;
      delete process.env.GALLEY_CENTRAL_TOKEN;
    });

    let edge = await startEdgeProcess(CONFIG, dataDir);
    cleanups.push(() => stopEdge(edge));
    let batches = 0;
    const first = edge;
    relay.afterCentralAnswered = async () => {
      batches++;
      if (batches !== 2) return;
      first.child.kill('SIGKILL');
      await within(first.exited, 10_000, 'edge killed');
    };
    expect(await within(first.exited, 20_000, 'edge killed mid-batch')).toBe('SIGKILL');
    relay.afterCentralAnswered = undefined;
    // Two batches committed at central, only the first acknowledged at the edge.
    expect(await central.events(STORE)).toHaveLength(2 * BATCH);

    edge = await startEdgeProcess(CONFIG, dataDir);
    // Done when the running edge has heard every ack: its outbox (read beside it, WAL) is empty.
    const watch = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
    cleanups.push(() => watch.close());
    const pending = watch.prepare('SELECT count(*) AS n FROM outbox');
    await until(
      async () => (pending.get() as { n: number }).n === 0 && (await central.events(STORE)).length >= BACKLOG,
      'all events at central and acknowledged after restart',
      20_000,
    );
    watch.close();
    await stopEdge(edge);

    const held = await central.events(STORE);
    const reopened = openDatabase(dataDir);
    const left = (reopened.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const highest = (
      reopened.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number }
    ).seq;
    reopened.close();
    expect(left).toBe(0);
    // Every seq the edge ever handed out is at central once (the key is (store, seq)); none is missing.
    expect(held.map((e) => e.seq)).toEqual(Array.from({ length: highest }, (_, i) => i + 1));
    // The backlog arrived exactly as the edge wrote it.
    expect(held.slice(0, BACKLOG)).toEqual(backlog);
    // The unacknowledged second batch was sent again and central counted it as duplicates.
    expect(central.service.central.ingest.stats.duplicates).toBe(BATCH);
    // Each alarm is in central's read model once.
    const alarms = await central.service.central.database.db
      .selectFrom('alarms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('store_id', '=', STORE)
      .executeTakeFirstOrThrow();
    expect(Number(alarms.n)).toBe(backlog.filter((e) => e.type === 'alarm.raised').length);
  });
});
