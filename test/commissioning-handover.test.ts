import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, login } from '../cloud-sync/central/testing/central-test-kit';
import { EdgeApp } from '../edge/app/edge-app';
import { DisplayCredentials } from '../edge/domains/displays/display-credentials';
import { DeviceCredentials } from '../edge/store/credentials-store';
import type { CommissioningChecklist } from '../shared/api/commissioning';
import {
  HANDOVER_ROUTES,
  type HandoverRefused,
  type SignedHandover,
} from '../shared/api/commissioning-handover';
import { DISPLAY_CREDENTIAL_HEADER } from '../shared/api/displays';
import type { StoreStateHistory } from '../shared/central/store-lifecycle';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { hashSecret } from '../shared/server/secret-hash';
import { connectClient, within } from '../shared/server/testing/mqtt-clients';
import { parseCsv } from '../shared/server/testing/parse-csv';
import { topics } from '../shared/topics';
import { CENTRAL_ADMIN_PASSWORD, RealCentral, until } from './testing/central-sync-kit';
import { coolersOnlyStore } from './testing/faults-kit';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const OVERRIDE = 'display delivered Monday; admin PIN changed at opening';

interface CommissionedStore {
  central: RealCentral;
  app: EdgeApp;
  edgeUrl: string;
  storeId: string;
  managerToken: string;
  /** the warm readings' time: the coolers switched on 30 minutes before the test began */
  warmAt: number;
  dir: string;
}

/**
 * A two-cooler store's real edge on a SQLite file syncing with a real central on SQLite
 * where the store is in `commissioning`. The coolers switch on warm (each raises temp_high:
 * its test alarm, which reaches central) and pull down, until the box knows both alarms
 * are at central. `adminPin` replaces the demo admin's default PIN when given.
 */
async function commissionedStore(adminPin?: string): Promise<CommissionedStore> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-handover-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = coolersOnlyStore(2, (c) => ({
    ...c,
    equipment: c.equipment.map((e, i) => ({
      ...e,
      location: `back of house, bay ${i + 1}`,
      serialNumber: `SN-WIC-${i + 1}`,
      asset: { installDate: '2026-11-20', replacementPrice: '38500.00', expectedLifeYears: 12 },
    })),
    users: (c.users ?? []).map((u) =>
      u.id === 'admin' && adminPin ? { ...u, pinHash: hashSecret(adminPin, 'scrypt') } : u,
    ),
  }));
  const storeId = config.store.id;
  const central = await RealCentral.start([]);
  cleanups.push(() => central.close());
  await central.service.central.directory.addStore({
    id: storeId,
    regionId: 'east-china',
    state: 'commissioning',
  });
  const token = (await central.service.central.tokens.issue(storeId)).token;
  const app = new EdgeApp({
    config,
    dataDir: join(dir, 'edge'),
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    central: { url: central.url, token },
  });
  const { mqttPort, httpPort } = await app.start();
  cleanups.push(() => app.stop());
  const edgeUrl = `http://127.0.0.1:${httpPort}`;

  const credentials = new DeviceCredentials({ db: app.database, clock: systemClock });
  const warmAt = Date.now() - 1_800_000;
  for (const id of ['wic-1', 'wic-2']) {
    const client = await connectClient(mqttPort, { username: id, password: credentials.add(id) });
    cleanups.push(() => client.endAsync(true));
    const send = (ts: number, temp: number) =>
      within(
        client.publishAsync(
          topics.telemetry(storeId, id),
          JSON.stringify({ ts, readings: { temp_c: temp, door_open: false } }),
          { qos: 1 },
        ),
        5000,
        `${id} reading`,
      );
    await send(warmAt, 12.5);
    await send(warmAt + 1_200_000, 4.5);
    await send(warmAt + 1_799_000, 3);
  }
  await until(
    async () => (await central.events(storeId)).filter((e) => e.type === 'alarm.raised').length >= 2,
    'both test alarms at central',
  );
  const session = await http<{ token: string }>(`${edgeUrl}/api/session`, {
    body: { user: 'mgr-li', pin: '2222' },
  });
  const managerToken = session.body.token;
  // The checklist knows the alarms reached central once the push after them succeeded.
  await until(async () => {
    const list = await http<CommissioningChecklist>(`${edgeUrl}/api/commissioning/checklist`, {
      token: managerToken,
    });
    return list.body.items.find((i) => i.id === 'test_alarms')?.complete === true;
  }, 'test alarms seen at central, as the box knows it');
  return { central, app, edgeUrl, storeId, managerToken, warmAt, dir };
}

/**
 * The handover end to end, over an incomplete checklist: the report read back as CSV and
 * PDF, signing refused while items are open, an admin override with a reason kept once,
 * and central opening the store on it.
 */
describe('commissioning handover, overridden by an admin', () => {
  let central: RealCentral;
  let app: EdgeApp;
  let edgeUrl = '';
  let storeId = '';
  let managerToken = '';
  let warmAt = 0;
  let dir = '';

  const edge = <T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}) =>
    http<T>(`${edgeUrl}${path}`, init);

  beforeAll(async () => {
    ({ central, app, edgeUrl, storeId, managerToken, warmAt, dir } = await commissionedStore());
  });

  it('reports what was installed and proven as CSV, before anyone signs', async () => {
    const res = await fetch(`${edgeUrl}${HANDOVER_ROUTES.csv}?lang=en`, {
      headers: { authorization: `Bearer ${managerToken}` },
    });
    const readAt = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    // The byte-order mark Excel needs to read the Chinese (fetch's text() would strip it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    const section = (title: string) => {
      const at = rows.findIndex((r) => r[0] === title && r.length === 1);
      expect(at, title).toBeGreaterThan(-1);
      const end = rows.findIndex((r, i) => i > at && r.length === 1 && r[0] === '');
      return rows.slice(at + 1, end === -1 ? undefined : end);
    };
    const installed = section('Equipment installed');
    expect(installed[0]).toEqual([
      'ID',
      'Type',
      'Name (en)',
      'Name (zh-CN)',
      'Station',
      'Location',
      'Protocol',
      'Serial number',
      'Install date',
      'Replacement price',
      'Expected life (years)',
      'Rated power (kW)',
    ]);
    expect(installed[1]).toEqual([
      'wic-1',
      'walk_in_cooler',
      'Walk-in 1',
      '冷藏库 1',
      'cold',
      'back of house, bay 1',
      'mqtt',
      'SN-WIC-1',
      '2026-11-20',
      '38500.00',
      '12',
      '',
    ]);
    const first = section('First readings').filter((r) => r[1] === 'temp_c');
    expect(first.map((r) => [r[0], r[2], r[4], r[5]])).toEqual([
      ['wic-1', '12.5', '-40–60', 'yes'],
      ['wic-2', '12.5', '-40–60', 'yes'],
    ]);
    const pulldown = section('Cold units pull-down').slice(1);
    // 12.5 °C at switch-on, 4.5 °C (at or below the 5 °C limit) 20 minutes later.
    expect(pulldown.map((r) => [r[0], r[2], r[4], r[6], r[7]])).toEqual([
      ['wic-1', '≤ 5 °C', '12.5', '4.5', '20'],
      ['wic-2', '≤ 5 °C', '12.5', '4.5', '20'],
    ]);
    const trips = section('Test alarms: raised at the box, seen at central').slice(1);
    expect(trips.map((r) => r[0])).toEqual(['wic-1', 'wic-2']);
    for (const trip of trips) {
      expect(trip[1]).toMatch(/^#\d+$/);
      // Raised at the warm reading's time; known at central on a push between then and the read.
      const seconds = Number(trip[4]);
      expect(seconds).toBeGreaterThanOrEqual(1_800);
      expect(seconds).toBeLessThanOrEqual((readAt - warmAt) / 1000 + 0.1);
    }
    const checklist = section('Checklist, verified from live data').slice(1);
    expect(checklist.map((r) => r[1])).toContain('open');
    expect(checklist.find((r) => r[0]?.endsWith('(users)'))?.[3]).toMatch(/admin/);
    expect(section('Handover signature')[1]?.[0]).toBe('NOT SIGNED');
  });

  it('refuses to sign while items are open, lists them in both languages, and lets only an admin override', async () => {
    const refused = await edge<HandoverRefused>(HANDOVER_ROUTES.sign, {
      token: managerToken,
      body: { user: 'mgr-li', pin: '2222' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.openItems.map((i) => i.id).sort()).toEqual(['display', 'users']);
    expect(refused.body.messages.en).toMatch(/2 open item\(s\).*Display|display/i);
    expect(refused.body.messages['zh-CN']).toContain('检查清单有 2 项未完成');

    const managerOverride = await edge<HandoverRefused>(HANDOVER_ROUTES.sign, {
      token: managerToken,
      body: { user: 'mgr-li', pin: '2222', overrideReason: OVERRIDE },
    });
    expect(managerOverride.status).toBe(403);
    expect(managerOverride.body.messages['zh-CN']).toContain('只有管理员');

    const technician = await edge<HandoverRefused>(HANDOVER_ROUTES.sign, {
      token: managerToken,
      body: { user: 'tech-wang', pin: '3333', overrideReason: OVERRIDE },
    });
    expect(technician.status).toBe(403);
    const wrongPin = await edge(HANDOVER_ROUTES.sign, {
      token: managerToken,
      body: { user: 'admin', pin: '9999', overrideReason: OVERRIDE },
    });
    expect(wrongPin.status).toBe(403);
    const count = app.database.prepare('SELECT count(*) AS n FROM handover_signatures').get() as {
      n: number;
    };
    expect(count.n).toBe(0);
  });

  it('records an admin override once, with the checklist and its sha256, and sends it up', async () => {
    const signed = await edge<SignedHandover>(HANDOVER_ROUTES.sign, {
      token: managerToken,
      body: { user: 'admin', pin: '1234', overrideReason: OVERRIDE },
    });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({
      storeId,
      signedBy: 'admin',
      role: 'admin',
      complete: false,
      overrideReason: OVERRIDE,
      openItems: ['display', 'users'],
    });
    const row = app.database
      .prepare('SELECT checklist_json, checklist_sha256 FROM handover_signatures')
      .get() as { checklist_json: string; checklist_sha256: string };
    expect(createHash('sha256').update(row.checklist_json).digest('hex')).toBe(row.checklist_sha256);
    expect(signed.body.checklistSha256).toBe(row.checklist_sha256);

    const again = await edge<HandoverRefused>(HANDOVER_ROUTES.sign, {
      token: managerToken,
      body: { user: 'admin', pin: '1234', overrideReason: 'again' },
    });
    expect(again.status).toBe(409);
    expect(again.body.messages.en).toContain('already signed');
    const count = app.database.prepare('SELECT count(*) AS n FROM handover_signatures').get() as {
      n: number;
    };
    expect(count.n).toBe(1);
  });

  it('prints the signed handover as a PDF in English and Chinese', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const res = await fetch(`${edgeUrl}${HANDOVER_ROUTES.pdf}?lang=${lang}`, {
        headers: { authorization: `Bearer ${managerToken}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const file = join(dir, `handover-${lang}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain(lang === 'en' ? 'Commissioning handover' : '开业调试交接报告');
      expect(text).toContain(`(${storeId})`);
      for (const serial of ['SN-WIC-1', 'SN-WIC-2']) expect(text).toContain(serial);
      expect(text).toContain('Store admin (admin)');
      expect(text).toContain(OVERRIDE);
      expect(text).toContain(lang === 'en' ? 'Override reason' : '强制交接原因');
      expect(text).toContain(lang === 'en' ? 'Page 1 of' : '第 1 页');
      if (lang === 'zh-CN') expect(text).not.toContain('Page 1 of');
    }
  });

  it('opens the store at central on the signed handover, with the override in its history', async () => {
    const admin = await login(central.url, 'admin', CENTRAL_ADMIN_PASSWORD);
    const history = () =>
      http<StoreStateHistory>(`${central.url}/api/stores/${storeId}/state-history`, { token: admin });
    await until(async () => (await history()).body.current.state === 'open', 'the store open at central');
    const { body } = await history();
    expect(body.changes.at(-1)).toMatchObject({
      from: 'commissioning',
      to: 'open',
      by: 'admin',
      override: false,
      reason: `handover signed; checklist overridden: ${OVERRIDE}`,
    });
    expect(body.handover).toMatchObject({ signedBy: 'admin', overrideReason: OVERRIDE, complete: false });
  });
});

describe('commissioning handover, signed by the manager on a complete checklist', () => {
  it('signs without override once the display is connected, and central opens the store', async () => {
    const store = await commissionedStore('8642');
    const { edgeUrl, managerToken, storeId, central } = store;
    // The kitchen display is paired and connects (its credential checked on a request).
    const { credential } = new DisplayCredentials({ db: store.app.database, clock: systemClock }).pair(
      'Line display',
      'mgr-li',
    );
    const seen = await fetch(`${edgeUrl}/api/commissioning/checklist`, {
      headers: { authorization: `Bearer ${managerToken}`, [DISPLAY_CREDENTIAL_HEADER]: credential },
    });
    const checklist = (await seen.json()) as CommissioningChecklist;
    expect(checklist.items.filter((i) => !i.complete).map((i) => i.id)).toEqual([]);

    const signed = await http<SignedHandover>(`${edgeUrl}${HANDOVER_ROUTES.sign}`, {
      token: managerToken,
      body: { user: 'mgr-li', pin: '2222' },
    });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({
      signedBy: 'mgr-li',
      role: 'manager',
      complete: true,
      overrideReason: null,
      openItems: [],
    });

    const admin = await login(central.url, 'admin', CENTRAL_ADMIN_PASSWORD);
    const history = () =>
      http<StoreStateHistory>(`${central.url}/api/stores/${storeId}/state-history`, { token: admin });
    await until(async () => (await history()).body.current.state === 'open', 'the store open at central');
    const { body } = await history();
    expect(body.changes.at(-1)).toMatchObject({
      from: 'commissioning',
      to: 'open',
      by: 'mgr-li',
      reason: 'handover signed',
      override: false,
    });
    expect(body.handover).toMatchObject({ signedBy: 'mgr-li', complete: true, overrideReason: null });
  });
});
