import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStoreCommand } from '../bin/commands/store-command';
import { http, login } from '../cloud-sync/central/testing/central-test-kit';
import { EdgeApp } from '../edge/app/edge-app';
import { DeviceCredentials } from '../edge/store/credentials-store';
import { OutboxStore } from '../edge/sync/outbox-store';
import type { StoreArchiveView } from '../shared/central/store-archive-api';
import type { StoreStateHistory } from '../shared/central/store-lifecycle';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { connackCode, connectClient, within } from '../shared/server/testing/mqtt-clients';
import { topics } from '../shared/topics';
import { CENTRAL_ADMIN_PASSWORD, RealCentral, until } from './testing/central-sync-kit';

const CONFIG_FILE = join(import.meta.dirname, '..', 'config', 'demo-store.yaml');
const POS_AUTH = `Basic ${Buffer.from('pos-demo:pos-demo-secret').toString('base64')}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/**
 * Closing a store (闭店): a real edge on SQLite with a device over MQTT and a POS, syncing
 * with a real central on SQLite. Regional operations move the store to closing; the box's
 * `galley store close` confirms the final sync, revokes, archives, uploads and closes; then
 * every credential is refused, the archive verifies from central's copy, central still
 * answers for the store's history, and `galley store wipe` removes the data.
 */
describe('closing a store with nothing lost', () => {
  const config = loadStoreConfig(CONFIG_FILE);
  const storeId = config.store.id;
  const dir = mkdtempSync(join(tmpdir(), 'galley-closing-'));
  const dataDir = join(dir, 'edge');
  let central: RealCentral;
  let app: EdgeApp;
  let edgeUrl = '';
  let mqttPort = 0;
  let storeToken = '';
  let deviceSecret = '';
  let admin = '';
  let closeOutput: {
    finalSeq: number;
    centralSeq: number;
    files: { name: string; sha256: string; bytes: number }[];
    checksumsVerified: boolean;
    revoked: { devices: string[]; integrations: string[] };
  };
  const equipmentId = config.equipment[0]?.id ?? '';
  let ticketId = 0;

  const postOrder = (externalId: string) =>
    fetch(`${edgeUrl}/api/pos/orders`, {
      method: 'POST',
      headers: { authorization: POS_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'drill',
        eventId: `ev-${externalId}`,
        order: {
          externalId,
          version: 1,
          channel: 'takeaway',
          placedAt: Date.now(),
          status: 'open',
          lines: [{ lineId: 'l1', item: 'salad', qty: 1 }],
        },
      }),
    });

  beforeAll(async () => {
    central = await RealCentral.start([]);
    await central.service.central.directory.addStore({ id: storeId, regionId: 'east-china', state: 'open' });
    storeToken = (await central.service.central.tokens.issue(storeId)).token;
    app = new EdgeApp({
      // The box pushes soon after each record, so the drill does not wait on the idle poll.
      config: { ...config, sync: { ...config.sync, pushIntervalS: 0.2 } },
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      central: { url: central.url, token: storeToken },
    });
    const ports = await app.start();
    mqttPort = ports.mqttPort;
    edgeUrl = `http://127.0.0.1:${ports.httpPort}`;
    deviceSecret = new DeviceCredentials({ db: app.database, clock: systemClock }).add(equipmentId);
    admin = await login(central.url, 'admin', CENTRAL_ADMIN_PASSWORD);
  }, 30_000);

  afterAll(async () => {
    await app?.stop();
    await central?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records over MQTT and from the POS, and central holds them', async () => {
    const device = await connectClient(mqttPort, { username: equipmentId, password: deviceSecret });
    await within(
      device.publishAsync(
        topics.telemetry(storeId, equipmentId),
        JSON.stringify({ ts: Date.now(), readings: { temp_c: 3.5, door_open: false } }),
        { qos: 1 },
      ),
      5000,
      'telemetry acknowledged',
    );
    await device.endAsync();
    const posted = await postOrder('drill-1');
    expect(posted.status).toBeLessThan(300);
    const session = await http<{ token: string }>(`${edgeUrl}/api/session`, {
      body: { user: 'admin', pin: '1234' },
    });
    const ticket = await http<{ id: number }>(`${edgeUrl}/api/tickets`, {
      token: session.body.token,
      body: { equipmentId, fault: 'door gasket torn' },
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.body.id;
    await until(
      async () => (await central.events(storeId)).some((e) => e.type.startsWith('ticket.')),
      'the ticket at central',
    );
  });

  it('refuses to close a store central has not moved to closing', async () => {
    const run = capture();
    process.env.GALLEY_CENTRAL_TOKEN = storeToken;
    const code = await runStoreCommand(
      ['close', '--config', CONFIG_FILE, '--data', dataDir, '--central-url', central.url],
      run.io,
    );
    expect(code).toBe(1);
    expect(run.err()).toMatch(/is open at central.*closing first/);
    // Nothing was revoked: the device still connects.
    expect(await connackCode(mqttPort, { username: equipmentId, password: deviceSecret })).toBe(0);
  });

  it('closes: final sync to the last seq, credentials revoked, archive verified, store closed', async () => {
    const moved = await http(`${central.url}/api/admin/stores/${storeId}/state`, {
      token: admin,
      body: { to: 'closing', reason: 'lease ends; drill' },
    });
    expect(moved.status).toBe(201);
    const outbox = new OutboxStore(app.database);
    // The box keeps recording until its credentials go (minute records, statuses): a run that
    // catches a record after its sync check refuses and is run again, as an operator would.
    let code = 1;
    let run = capture();
    let runs = 0;
    const closingStarted = Date.now();
    for (let attempt = 0; attempt < 8 && code !== 0; attempt++) {
      runs += 1;
      await until(async () => {
        const { high, low } = outbox.backlog();
        const held = (await central.events(storeId)).at(-1)?.seq ?? 0;
        return high + low === 0 && held >= outbox.highestSeq();
      }, 'the outbox drained to central');
      run = capture();
      code = await runStoreCommand(
        ['close', '--config', CONFIG_FILE, '--data', dataDir, '--central-url', central.url, '--json'],
        run.io,
      );
      if (code !== 0) expect(run.err()).toMatch(/final sync|records arrived|run the closing again/);
    }
    expect(code, run.err()).toBe(0);
    closeOutput = JSON.parse(run.out());
    const size = closeOutput.files.reduce((sum, f) => sum + f.bytes, 0);
    process.stdout.write(
      `closing cli final_seq=${closeOutput.finalSeq} central_seq=${closeOutput.centralSeq} files=${closeOutput.files.length} ` +
        `archive_bytes=${size} runs=${runs} wall_ms=${Date.now() - closingStarted}\n`,
    );
    // Both numbers, and they agree with what central stored.
    expect(closeOutput.finalSeq).toBeGreaterThan(0);
    expect(closeOutput.centralSeq).toBe(closeOutput.finalSeq);
    expect(Math.max(...(await central.events(storeId)).map((e) => e.seq))).toBe(closeOutput.finalSeq);
    expect(outbox.backlog()).toEqual({ high: 0, low: 0 });
    expect(closeOutput.checksumsVerified).toBe(true);
    expect(closeOutput.revoked.devices).toContain(equipmentId);
    expect(closeOutput.revoked.integrations).toContain('pos-demo');
  }, 60_000);

  it("verifies the archive from central's copy: every file's SHA-256 recomputed", async () => {
    const archive = await http<StoreArchiveView>(`${central.url}/api/stores/${storeId}/archive`, {
      token: admin,
    });
    expect(archive.status).toBe(200);
    const { manifest } = archive.body;
    expect(manifest.finalSeq).toBe(closeOutput.finalSeq);
    expect(archive.body.retentionUntil - archive.body.uploadedAt).toBeGreaterThan(6.9 * 365 * 86_400_000);
    const names = manifest.files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(['store.sqlite', 'tickets.tickets.csv', 'orders.pos_orders.csv']),
    );
    expect(names.some((n) => n.startsWith('food-safety.'))).toBe(true);
    expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(2);
    for (const file of manifest.files) {
      const response = await fetch(`${central.url}/api/stores/${storeId}/archive/files/${file.name}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(sha256(bytes), file.name).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
      if (file.name === 'store.sqlite') {
        // The archived database ends at the final seq and holds the store's records.
        const copy = join(dir, 'downloaded.sqlite');
        writeFileSync(copy, bytes);
        const db = new BetterSqlite3(copy, { readonly: true });
        const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as {
          seq: number;
        };
        expect(seq.seq).toBe(closeOutput.finalSeq);
        expect(db.prepare('SELECT count(*) AS n FROM tickets WHERE id = ?').get(ticketId)).toEqual({ n: 1 });
        db.close();
      }
      if (file.name === 'tickets.tickets.csv') expect(bytes.toString('utf8')).toContain('door gasket torn');
    }
    // The box's own manifest says the same.
    const local = JSON.parse(readFileSync(join(dataDir, 'closing-archive', 'manifest.json'), 'utf8'));
    expect(local).toEqual(manifest);
    // Another store's reader cannot see it; a store token cannot read it.
    const asStore = await fetch(`${central.url}/api/stores/${storeId}/archive`, {
      headers: { authorization: `Bearer ${storeToken}` },
    });
    expect(asStore.status).toBeGreaterThanOrEqual(401);
  });

  it('refuses every credential afterwards: the device and the POS over MQTT, the POS over HTTP, the store token', async () => {
    expect(await connackCode(mqttPort, { username: equipmentId, password: deviceSecret })).toBe(5);
    expect(await connackCode(mqttPort, { username: 'pos-demo', password: 'pos-demo-secret' })).toBe(5);
    expect((await postOrder('drill-2')).status).toBe(401);
    const batch = await fetch(`${central.url}/api/sync/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${storeToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ storeId, sentAt: Date.now(), events: [] }),
    });
    // Central answers a closed store's valid token 403, saying since when (central-auth.ts).
    expect(batch.status).toBe(403);
    expect(await batch.text()).toMatch(/store closed on .*syncs no more/);
  });

  it("still answers for the closed store's history at central", async () => {
    const history = await http<StoreStateHistory>(`${central.url}/api/stores/${storeId}/state-history`, {
      token: admin,
    });
    expect(history.body.current.state).toBe('closed');
    expect(history.body.changes.at(-1)).toMatchObject({
      from: 'closing',
      to: 'closed',
      by: `store:${storeId}`,
    });
    const tickets = await http<{ ticket: { id: number } }[]>(
      `${central.url}/api/tickets?storeId=${storeId}&status=all`,
      { token: admin },
    );
    expect(tickets.status).toBe(200);
    expect(JSON.stringify(tickets.body)).toContain('door gasket torn');
    const detail = await http(`${central.url}/api/stores/${storeId}`, { token: admin });
    expect(detail.status).toBe(200);
  });

  it('wipes the box only with a verified archive', async () => {
    const other = mkdtempSync(join(tmpdir(), 'galley-never-closed-'));
    const refused = capture();
    expect(await runStoreCommand(['wipe', '--data', other], refused.io)).toBe(1);
    expect(refused.err()).toMatch(/has not confirmed the archive/);
    expect(existsSync(other)).toBe(true);
    rmSync(other, { recursive: true, force: true });

    await app.stop();
    const wiped = capture();
    expect(await runStoreCommand(['wipe', '--data', dataDir], wiped.io), wiped.err()).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });
});
