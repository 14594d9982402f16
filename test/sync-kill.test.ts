import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWriter } from '../edge/alarms/outbox';
import { openDatabase } from '../edge/store/database';
import { TestCentral } from '../edge/sync/testing/test-central';
import { type EdgeProcess, startEdgeProcess } from './helpers/edge-process';
import { within } from './helpers/mqtt-clients';

const CONFIG = join(import.meta.dirname, '..', 'config', 'demo-store.yaml');
const STORE = 'demo-sh-001';
const TOKEN = 'gst_kill.secret';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stopEdge(edge: EdgeProcess): Promise<unknown> {
  if (edge.child.exitCode !== null || edge.child.signalCode !== null) return Promise.resolve();
  edge.child.kill('SIGTERM');
  return within(edge.exited, 15_000, 'edge stop');
}

describe('kill -9 of the edge mid-batch', () => {
  it('after a restart central holds every event exactly once and the outbox is empty', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // A backlog written as the alarm and ticket services write it, before the edge runs.
    const db = openDatabase(dataDir);
    const writer = new OutboxWriter(db, STORE);
    db.transaction(() => {
      for (let i = 1; i <= 1800; i++) {
        const type = i % 3 === 0 ? 'rollup.minute' : i % 3 === 1 ? 'alarm.raised' : 'ticket.transition';
        writer.append({ type, entityId: i, ts: 1_767_600_000_000 + i, payload: { i } });
      }
    })();
    db.close();

    const central = new TestCentral([{ storeId: STORE, token: TOKEN }]);
    await central.up();
    cleanups.push(() => central.close());
    process.env.GALLEY_CENTRAL_URL = central.url;
    process.env.GALLEY_CENTRAL_TOKEN = TOKEN;
    cleanups.push(() => {
      delete process.env.GALLEY_CENTRAL_URL;
      delete process.env.GALLEY_CENTRAL_TOKEN;
    });

    let edge = await startEdgeProcess(CONFIG, dataDir);
    cleanups.push(() => stopEdge(edge));
    // Central commits the second batch; the edge dies before it hears the ack.
    let batches = 0;
    const first = edge;
    central.beforeAck = async () => {
      batches++;
      if (batches !== 2) return;
      first.child.kill('SIGKILL');
      await within(first.exited, 10_000, 'edge killed');
    };
    expect(await within(first.exited, 20_000, 'edge killed mid-batch')).toBe('SIGKILL');
    central.beforeAck = undefined;
    expect(central.events(STORE)).toHaveLength(1000); // two batches committed at central, one acknowledged

    edge = await startEdgeProcess(CONFIG, dataDir);
    await until(() => central.events(STORE).length >= 1800, 'all events at central after restart');
    await stopEdge(edge);

    const held = central.events(STORE);
    const reopened = openDatabase(dataDir);
    const left = (reopened.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const highest = (
      reopened.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number }
    ).seq;
    reopened.close();
    expect(left).toBe(0);
    // Every seq the edge ever handed out is at central once (the key is (store, seq)); none is missing.
    expect(held.map((e) => e.seq)).toEqual(Array.from({ length: highest }, (_, i) => i + 1));
    expect(held.slice(0, 1800).every((e, i) => e.payload.i === i + 1)).toBe(true);
    // The unacknowledged second batch was sent again and central counted it as duplicates.
    const posts = central.wire.filter((w) => w.path === '/api/sync/batches' && w.status === 200);
    expect(posts.length).toBeGreaterThanOrEqual(Math.ceil(1800 / 500) + 1);
  });
});
