import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DeviceCredentials } from '../edge/store/credentials-store';
import { DATABASE_FILE, openDatabase } from '../edge/store/database';
import { systemClock } from '../shared/server/runtime/clock';
import { connectClient, within } from '../shared/server/testing/mqtt-clients';
import { topics } from '../shared/topics';
import { type EdgeProcess, startEdgeProcess } from './testing/edge-process';

const DEMO_CONFIG = join(import.meta.dirname, '..', 'config', 'demo-store.yaml');
const STORE = 'demo-sh-001';

/** The demo store with a rate limit high enough for one device to publish a burst of thousands. */
function writeConfig(dir: string): string {
  const config = parseYaml(readFileSync(DEMO_CONFIG, 'utf8')) as Record<string, unknown>;
  config.limits = { messagesPerSecond: 100_000, messageBurst: 100_000 };
  const file = join(dir, 'store.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

function provision(dataDir: string, equipmentId: string): string {
  const db = openDatabase(dataDir);
  try {
    return new DeviceCredentials({ db, clock: systemClock }).add(equipmentId);
  } finally {
    db.close();
  }
}

describe('durability of acknowledged telemetry', () => {
  let edge: EdgeProcess | undefined;
  let dataDir = '';

  afterEach(async () => {
    edge?.child.kill('SIGKILL');
    if (edge) await edge.exited;
    edge = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every PUBACKed QoS 1 reading when the daemon is killed with SIGKILL right after the last PUBACK', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-durability-'));
    const secret = provision(dataDir, 'wic-1');
    const configFile = writeConfig(dataDir);
    edge = await startEdgeProcess(configFile, dataDir);
    const device = await connectClient(edge.mqttPort, {
      username: 'wic-1',
      password: secret,
      clientId: 'wic-1',
    });

    const n = 2000;
    const start = Date.now() - n;
    const acked = Array.from({ length: n }, (_, i) =>
      device.publishAsync(
        topics.telemetry(STORE, 'wic-1'),
        JSON.stringify({ ts: start + i, readings: { temp_c: 2 + (i % 30) / 10, door_open: i % 7 === 0 } }),
        { qos: 1 },
      ),
    );
    await within(Promise.all(acked), 20_000, `${n} PUBACKs`);
    edge.child.kill('SIGKILL');
    expect(await edge.exited).toBe('SIGKILL');
    device.end(true);

    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
    const temps = db
      .prepare("SELECT count(*) AS n FROM readings WHERE equipment_id = 'wic-1' AND metric = 'temp_c'")
      .get() as { n: number };
    const doors = db
      .prepare("SELECT count(*) AS n FROM readings WHERE equipment_id = 'wic-1' AND metric = 'door_open'")
      .get() as { n: number };
    db.close();
    expect(temps.n).toBe(n);
    expect(doors.n).toBe(n);

    // A restarted daemon serves what the killed one acknowledged.
    edge = await startEdgeProcess(configFile, dataDir);
    const login = await fetch(`http://127.0.0.1:${edge.httpPort}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'admin', pin: '1234' }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(
      `http://127.0.0.1:${edge.httpPort}/api/equipment/wic-1/readings?metric=temp_c&from=${start}&to=${start + n}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    const points = (await res.json()) as { ts: number; value: number }[];
    expect(points).toHaveLength(n);
    expect(points[n - 1]).toEqual({ ts: start + n - 1, value: 2 + ((n - 1) % 30) / 10 });
  }, 60_000);
});
