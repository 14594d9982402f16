import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceCredentials } from '../../edge/store/credentials-store';
import { DATABASE_FILE, openDatabase } from '../../edge/store/database';
import { PosOrderGenerator } from '../../firmware-sim/pos/order-generator';
import { createRng } from '../../firmware-sim/random';
import type { PosOrderSubmission } from '../../shared/api/orders';
import { systemClock } from '../../shared/server/runtime/clock';
import { connectClient, within } from '../../shared/server/testing/mqtt-clients';
import type { BoxBackupRun } from '../../shared/sync/backup-protocol';
import { RealCentral, until } from '../testing/central-sync-kit';
import { type EdgeProcess, startEdgeProcess } from '../testing/edge-process';

const ROOT = join(import.meta.dirname, '..', '..');
const GALLEY = join(ROOT, 'bin', 'galley.js');
const CONFIG = join(ROOT, 'config', 'demo-store.yaml');
const STORE = 'demo-sh-001';
const POS_BASIC = `Basic ${Buffer.from('pos-demo:pos-demo-secret').toString('base64')}`;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function galley(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GALLEY, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function stopEdge(edge: EdgeProcess): Promise<void> {
  if (edge.child.exitCode !== null || edge.child.signalCode !== null) return;
  edge.child.kill('SIGTERM');
  await within(edge.exited, 15_000, 'edge stop');
}

async function api<T>(
  edge: EdgeProcess,
  path: string,
  init: { token?: string; body?: unknown; basic?: boolean; method?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.basic) headers.authorization = POS_BASIC;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`http://127.0.0.1:${edge.httpPort}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function adminToken(edge: EdgeProcess): Promise<string> {
  const login = await api<{ token: string }>(edge, '/api/session', { body: { user: 'admin', pin: '1234' } });
  if (login.status !== 201) throw new Error(`login: ${login.status}`);
  return login.body.token;
}

/** Posts each event as the POS does; returns the edge's `duplicate` answer of each. */
async function post(edge: EdgeProcess, events: PosOrderSubmission[]): Promise<boolean[]> {
  const answers: boolean[] = [];
  for (const event of events) {
    const answer = await api<{ duplicate: boolean }>(edge, '/api/pos/orders', { body: event, basic: true });
    if (answer.status < 200 || answer.status >= 300) throw new Error(`POS order refused: ${answer.status}`);
    answers.push(answer.body.duplicate);
  }
  return answers;
}

/** What central holds of the store's orders: how many order.applied events, and projected rows, per order. */
async function centralOrders(central: RealCentral) {
  const events = (await central.events(STORE)).filter((e) => e.type === 'order.applied');
  const rows = await central.service.central.database.db
    .selectFrom('store_orders')
    .select('order_key')
    .where('store_id', '=', STORE)
    .execute();
  return { events, keys: rows.map((r) => r.order_key) };
}

describe('a box that dies: restored from its backup at central', () => {
  it('keeps every acknowledged order once, the record chain intact, and no seq twice at central', async () => {
    const phases: string[] = [];
    let last = Date.now();
    const phase = (name: string) => {
      phases.push(`${name}=${Date.now() - last}`);
      last = Date.now();
    };
    const central = await RealCentral.start([STORE]);
    cleanups.push(() => central.close());
    process.env.GALLEY_CENTRAL_URL = central.url;
    process.env.GALLEY_CENTRAL_TOKEN = central.tokenOf(STORE);
    cleanups.push(() => {
      delete process.env.GALLEY_CENTRAL_URL;
      delete process.env.GALLEY_CENTRAL_TOKEN;
    });
    const oldDir = mkdtempSync(join(tmpdir(), 'galley-dead-box-'));
    const newParent = mkdtempSync(join(tmpdir(), 'galley-new-box-'));
    const newDir = join(newParent, 'data');
    cleanups.push(() => rmSync(oldDir, { recursive: true, force: true }));
    cleanups.push(() => rmSync(newParent, { recursive: true, force: true }));
    // The walk-in's sensor is provisioned before the box first starts, as commissioning does.
    const provisioning = openDatabase(oldDir);
    const secret = new DeviceCredentials({ db: provisioning, clock: systemClock }).add('wic-1');
    provisioning.close();

    const oldBox = await startEdgeProcess(CONFIG, oldDir);
    cleanups.push(() => stopEdge(oldBox));
    const admin = await adminToken(oldBox);
    phase('old_box_started');
    const pos = new PosOrderGenerator({
      rng: createRng(21),
      source: 'pos-demo',
      runId: `drill${Date.now()}`,
    });

    // Before the backup: telemetry (QoS 1, acknowledged once stored), orders, a repair ticket.
    const sensor = await connectClient(oldBox.mqttPort, { username: 'wic-1', password: secret });
    const readingAt = Date.now();
    for (const [i, temp] of [3.1, 3.4, 3.2].entries())
      await sensor.publishAsync(
        `galley/${STORE}/wic-1/telemetry`,
        JSON.stringify({ ts: readingAt + i * 1000, readings: { temp_c: temp } }),
        { qos: 1 },
      );
    await sensor.endAsync();
    const before = Array.from({ length: 5 }, () => pos.create(Date.now()));
    expect(await post(oldBox, before)).toEqual([false, false, false, false, false]);
    const ticket = await api<{ id: number }>(oldBox, '/api/tickets', {
      token: admin,
      body: { equipmentId: 'wic-1', fault: 'door gasket torn (drill)' },
    });
    expect(ticket.status).toBe(201);

    const backup = await api<BoxBackupRun>(oldBox, '/api/sync/backups', { token: admin, body: {} });
    expect(backup.body.outcome).toBe('uploaded');
    const taken = backup.body.status.last;
    if (!taken) throw new Error('no backup noted');
    phase('backed_up');

    // After the backup: more orders the box acknowledges and syncs, then it dies.
    const after = Array.from({ length: 4 }, () => pos.create(Date.now()));
    expect(await post(oldBox, after)).toEqual([false, false, false, false]);
    const afterKeys = after.map((e) => `pos-demo:${e.order.externalId}`);
    await until(
      async () => {
        const { events } = await centralOrders(central);
        return afterKeys.every((k) =>
          events.some((e) => `${e.payload.source}:${e.payload.externalId}` === k),
        );
      },
      'the orders after the backup at central',
      20_000,
    );
    const centralSeqAtDeath = Math.max(...(await central.events(STORE)).map((e) => e.seq));
    expect(centralSeqAtDeath).toBeGreaterThan(taken.seq);
    oldBox.child.kill('SIGKILL');
    expect(await within(oldBox.exited, 10_000, 'box killed')).toBe('SIGKILL');
    const diedAt = Date.now();
    phase('synced_and_killed');

    // A data dir with a database in it is not overwritten without --force.
    const refused = await galley([
      'edge',
      'restore',
      '--from-central',
      central.url,
      '--store',
      STORE,
      '--token',
      central.tokenOf(STORE),
      '--data',
      oldDir,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not empty/);
    const restoreStarted = Date.now();
    const restored = await galley([
      'edge',
      'restore',
      '--from-central',
      central.url,
      '--store',
      STORE,
      '--token',
      central.tokenOf(STORE),
      '--data',
      newDir,
    ]);
    const restoreMs = Date.now() - restoreStarted;
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/food-safety records intact: \d+ records/);
    expect(restored.out).toContain(`next seq ${centralSeqAtDeath + 1}`);

    phase('restored');
    const newBox = await startEdgeProcess(CONFIG, newDir);
    phase('new_box_started');
    cleanups.push(() => stopEdge(newBox));
    // The POS sends its recent events again (the procedure after a box swap): the ones in
    // the backup are duplicates, the ones the dead box took after it are new here.
    expect(await post(newBox, [...before, ...after])).toEqual([
      ...before.map(() => true),
      ...after.map(() => false),
    ]);
    // The sensor reconnects to the new box with its credential from the backup.
    const again = await connectClient(newBox.mqttPort, { username: 'wic-1', password: secret });
    await again.publishAsync(
      `galley/${STORE}/wic-1/telemetry`,
      JSON.stringify({ ts: Date.now(), readings: { temp_c: 3.3 } }),
      { qos: 1 },
    );
    await again.endAsync();
    const newAdmin = await adminToken(newBox);
    const readings = await api<{ ts: number; value: number }[]>(
      newBox,
      `/api/equipment/wic-1/readings?metric=temp_c&from=${readingAt - 1000}&to=${Date.now() + 1000}`,
      { token: newAdmin },
    );
    expect(readings.body.map((r) => r.value).slice(0, 3)).toEqual([3.1, 3.4, 3.2]);
    expect(readings.body).toHaveLength(4);
    const tickets = await api<{ id: number; fault: string }[]>(newBox, '/api/tickets?status=all', {
      token: newAdmin,
    });
    expect(tickets.body.filter((t) => t.fault === 'door gasket torn (drill)')).toHaveLength(1);

    // Central: the new box's events all arrive (none under a seq the dead box used), each seq once.
    await until(
      async () => {
        const { events } = await centralOrders(central);
        return afterKeys.every((k) =>
          events.some(
            (e) => e.seq > centralSeqAtDeath && `${e.payload.source}:${e.payload.externalId}` === k,
          ),
        );
      },
      'the re-sent orders from the new box at central',
      20_000,
    );
    phase('resent_and_synced');
    await stopEdge(newBox);
    const held = await central.events(STORE);
    expect(new Set(held.map((e) => e.seq)).size).toBe(held.length);
    const { keys } = await centralOrders(central);
    const allKeys = [...before, ...after].map((e) => `pos-demo:${e.order.externalId}`);
    expect(keys.filter((k) => allKeys.includes(k)).sort()).toEqual([...allKeys].sort());

    // The box: every order the POS had acknowledged, exactly once; the chain verifies.
    const db = new BetterSqlite3(join(newDir, DATABASE_FILE), { readonly: true });
    const orders = db
      .prepare(
        "SELECT external_id AS id, count(*) AS n FROM pos_orders WHERE source = 'pos-demo' GROUP BY external_id",
      )
      .all() as { id: string; n: number }[];
    db.close();
    expect(orders.map((o) => o.id).sort()).toEqual(
      [...before, ...after].map((e) => e.order.externalId).sort(),
    );
    expect(orders.every((o) => o.n === 1)).toBe(true);
    const verified = await galley(['food-safety', 'verify', '--data', newDir]);
    expect(verified.code).toBe(0);
    phase('checked');

    // A backup altered at central (one byte of the file on its disk) is refused, and nothing is written.
    const stored = join(central.dataDir, 'backups');
    const folder = readdirSync(stored)[0] ?? '';
    const newest = readdirSync(join(stored, folder)).sort().at(-1) ?? '';
    const bytes = readFileSync(join(stored, folder, newest));
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(join(stored, folder, newest), bytes);
    const altered = await galley([
      'edge',
      'restore',
      '--from-central',
      central.url,
      '--store',
      STORE,
      '--token',
      central.tokenOf(STORE),
      '--data',
      join(newParent, 'other'),
    ]);
    expect(altered.code).toBe(1);
    expect(altered.err).toMatch(/sha256/);
    expect(readdirSync(newParent)).toEqual(['data']);

    process.stdout.write(
      `box-restore loss_window_s=${((diedAt - taken.takenAt) / 1000).toFixed(1)} ` +
        `orders_after_backup=${after.length} orders_lost_after_pos_resend=0 ` +
        `backup_db_bytes=${taken.bytes} backup_packed_bytes=${taken.packedBytes} snapshot_ms=${taken.snapshotMs} ` +
        `restore_ms=${restoreMs} central_seq_at_death=${centralSeqAtDeath} backup_seq=${taken.seq}\n` +
        `box-restore phases_ms ${phases.join(' ')}\n`,
    );
  }, 120_000);
});
