import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { DeviceCredentials } from '../edge/store/credentials-store';
import type { RejectionCount, RejectionReason } from '../shared/rejection-reasons';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { connectClient, within } from '../shared/server/testing/mqtt-clients';
import { topics } from '../shared/topics';

const config = loadStoreConfig(join(import.meta.dirname, '..', 'config', 'demo-store.yaml'));
const STORE = config.store.id;

interface BadCase {
  name: string;
  topic: (device: string) => string;
  payload: () => Buffer | string;
  retain?: boolean;
  reason: RejectionReason;
}

const now = () => Date.now();
const tel = (device: string) => topics.telemetry(STORE, device);
const json = (value: unknown) => JSON.stringify(value);

/** Malformed topics and payloads a misbehaving device on the store LAN can send. */
const BAD: BadCase[] = [
  { name: 'not JSON', topic: tel, payload: () => 'temp=3.2', reason: 'invalid_json' },
  {
    name: 'truncated JSON',
    topic: tel,
    payload: () => '{"ts": 1, "readings": {"temp_c"',
    reason: 'invalid_json',
  },
  {
    name: 'invalid UTF-8',
    topic: tel,
    payload: () => Buffer.from([0x7b, 0xc3, 0x28, 0x7d]),
    reason: 'invalid_utf8',
  },
  { name: 'JSON array', topic: tel, payload: () => json([3.2]), reason: 'schema_mismatch' },
  {
    name: 'no timestamp',
    topic: tel,
    payload: () => json({ readings: { temp_c: 3 } }),
    reason: 'missing_timestamp',
  },
  {
    name: 'unparseable timestamp',
    topic: tel,
    payload: () => json({ ts: 'last tuesday', readings: { temp_c: 3 } }),
    reason: 'bad_timestamp',
  },
  {
    name: 'timestamp an hour ahead',
    topic: tel,
    payload: () => json({ ts: now() + 3_600_000, readings: { temp_c: 3 } }),
    reason: 'future_timestamp',
  },
  {
    name: 'timestamp in seconds',
    topic: tel,
    payload: () => json({ ts: Math.floor(now() / 1000), readings: { temp_c: 3 } }),
    reason: 'stale_timestamp',
  },
  {
    name: 'no readings',
    topic: tel,
    payload: () => json({ ts: now(), readings: {} }),
    reason: 'empty_readings',
  },
  {
    name: 'unknown metric',
    topic: tel,
    payload: () => json({ ts: now(), readings: { oil_temp_c: 170 } }),
    reason: 'unknown_metric',
  },
  {
    name: 'string value',
    topic: tel,
    payload: () => json({ ts: now(), readings: { temp_c: '3.2' } }),
    reason: 'wrong_type',
  },
  {
    name: 'number for a boolean metric',
    topic: tel,
    payload: () => json({ ts: now(), readings: { door_open: 1 } }),
    reason: 'wrong_type',
  },
  {
    name: 'Infinity',
    topic: tel,
    payload: () => `{"ts": ${now()}, "readings": {"temp_c": 1e999}}`,
    reason: 'non_finite',
  },
  {
    name: 'beyond the physical range',
    topic: tel,
    payload: () => json({ ts: now(), readings: { temp_c: 400 } }),
    reason: 'out_of_range',
  },
  {
    name: 'oversize telemetry',
    topic: tel,
    payload: () => json({ ts: now(), readings: { temp_c: 3 }, note: 'x'.repeat(40_000) }),
    reason: 'payload_too_large',
  },
  {
    name: 'unknown message kind',
    topic: (d) => `galley/${STORE}/${d}/firmware`,
    payload: () => json({ version: 2 }),
    reason: 'unknown_message_kind',
  },
  {
    name: 'another device’s topic',
    topic: () => tel('wif-1'),
    payload: () => json({ ts: now(), readings: { temp_c: -20 } }),
    reason: 'topic_not_allowed',
  },
  {
    name: 'another store’s topic',
    topic: (d) => topics.telemetry('other-store', d),
    payload: () => json({ ts: now(), readings: { temp_c: 3 } }),
    reason: 'topic_not_allowed',
  },
  {
    name: 'the edge’s own subtree',
    topic: () => topics.edge(STORE, 'alarms', 'wic-1'),
    payload: () => json({ fake: true }),
    reason: 'topic_not_allowed',
  },
  {
    name: 'retained telemetry',
    topic: tel,
    payload: () => json({ ts: now(), readings: { temp_c: 3 } }),
    retain: true,
    reason: 'retained_not_allowed',
  },
  {
    name: 'event without a code',
    topic: (d) => topics.event(STORE, d),
    payload: () => json({ ts: now(), message: 'E?' }),
    reason: 'schema_mismatch',
  },
  {
    name: 'status that is not a boolean',
    topic: (d) => topics.status(STORE, d),
    payload: () => json({ online: 'yes' }),
    reason: 'schema_mismatch',
  },
];

describe('bad input over MQTT, with a good device publishing alongside', () => {
  let app: EdgeApp;
  let dataDir: string;
  let httpPort: number;
  let mqttPort: number;
  const secrets = new Map<string, string>();
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-badinput-'));
    app = new EdgeApp({
      config,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
    });
    ({ mqttPort, httpPort } = await app.start());
    const credentials = new DeviceCredentials({ db: app.database, clock: systemClock });
    for (const id of ['wic-1', 'ric-1']) secrets.set(id, credentials.add(id));
  });

  afterAll(async () => {
    for (const c of clients) c.end(true);
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function device(id: string): Promise<MqttClient> {
    const client = await connectClient(mqttPort, {
      username: id,
      password: secrets.get(id),
      clientId: `${id}-test`,
    });
    clients.push(client);
    return client;
  }

  it(`refuses ${BAD.length} kinds of bad input with the right reason and loses none of the good device's readings`, async () => {
    expect(BAD.length).toBeGreaterThanOrEqual(15);
    const bad = await device('wic-1');
    const good = await device('ric-1');
    const goodCount = 300;
    const start = now() - goodCount;
    const goodAcks: Promise<unknown>[] = [];
    let next = 0;
    const publishGood = (n: number) => {
      for (let i = 0; i < n; i++, next++) {
        goodAcks.push(
          good.publishAsync(
            tel('ric-1'),
            json({ ts: start + next, readings: { temp_c: 2.5, door_open: false } }),
            {
              qos: 1,
            },
          ),
        );
      }
    };
    for (const c of BAD) {
      publishGood(Math.floor(goodCount / BAD.length));
      await bad.publishAsync(c.topic('wic-1'), c.payload(), { qos: 1, retain: c.retain ?? false });
    }
    publishGood(goodCount - next);
    await within(Promise.all(goodAcks), 15_000, 'good PUBACKs');
    expect(bad.connected).toBe(true);

    const stored = app.database
      .prepare("SELECT count(*) AS n FROM readings WHERE equipment_id = 'ric-1' AND metric = 'temp_c'")
      .get() as { n: number };
    expect(stored.n).toBe(goodCount);
    const badStored = app.database
      .prepare("SELECT count(*) AS n FROM readings WHERE equipment_id IN ('wic-1', 'wif-1')")
      .get() as { n: number };
    expect(badStored.n).toBe(0);

    const login = await fetch(`http://127.0.0.1:${httpPort}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json({ user: 'mgr-li', pin: '2222' }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`http://127.0.0.1:${httpPort}/api/ingest/rejections`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const counts = (await res.json()) as RejectionCount[];
    const expected = new Map<RejectionReason, number>();
    for (const c of BAD) expected.set(c.reason, (expected.get(c.reason) ?? 0) + 1);
    const actual = new Map(counts.filter((c) => c.clientId === 'wic-1').map((c) => [c.reason, c.count]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(counts.filter((c) => c.clientId === 'ric-1')).toEqual([]);
    expect(counts.find((c) => c.reason === 'out_of_range')?.lastDetail).toMatch(/temp_c.*400/);

    const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    for (const [reason, n] of expected) {
      expect(metrics).toContain(`galley_ingest_rejected_total{reason="${reason}"} ${n}`);
    }
  }, 60_000);
});
