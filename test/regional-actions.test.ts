import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { http, login } from '../cloud-sync/central/testing/central-test-kit';
import { EdgeApp } from '../edge/app/edge-app';
import { DeviceCredentials } from '../edge/store/credentials-store';
import type { OpenTicket, StoreDetail } from '../shared/central/api';
import type { StoreCommandView } from '../shared/central/store-commands';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { connectClient } from '../shared/server/testing/mqtt-clients';
import { topics } from '../shared/topics';
import { CENTRAL_ADMIN_PASSWORD, RealCentral, until } from './testing/central-sync-kit';
import { demoConfig } from './testing/faults-kit';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The demo store's edge syncing to a real central, with a regional manager of its region signed in. */
async function storeWithCentral() {
  const config = demoConfig((c) => c);
  const storeId = config.store.id;
  const central = await RealCentral.start([storeId]);
  cleanups.push(() => central.close());
  const admin = await login(central.url, 'admin', CENTRAL_ADMIN_PASSWORD);
  await http(`${central.url}/api/admin/users`, {
    token: admin,
    body: { username: 'wang', password: 'east-pw-123', role: 'regional_manager', regionId: 'east-china' },
  });
  const manager = await login(central.url, 'wang', 'east-pw-123');
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const app = new EdgeApp({
    config,
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    central: { url: central.url, token: central.tokenOf(storeId) },
  });
  const { mqttPort } = await app.start();
  cleanups.push(() => app.stop());
  return { config, storeId, central, manager, app, mqttPort };
}

describe('regional actions reach the store and come back as its own history', () => {
  it('a regional manager assigns and closes a store ticket from central; the edge applies them by its rules', async () => {
    const { storeId, central, manager, app } = await storeWithCentral();

    const { ticket } = app.tickets.report(
      { equipmentId: 'fryer-1', fault: 'not_heating', category: 'not_heating' },
      { id: 'staff-chen', role: 'staff' },
    );
    const centralTicket = async () =>
      (await http<OpenTicket[]>(`${central.url}/api/tickets?status=all`, { token: manager })).body.find(
        (t) => t.ticket.id === ticket.id,
      )?.ticket;
    await until(async () => (await centralTicket()) !== undefined, 'the ticket synced to central');

    const path = (action: string) => `${central.url}/api/stores/${storeId}/tickets/${ticket.id}/${action}`;
    const assign = await http<StoreCommandView>(path('assign'), {
      token: manager,
      body: { assignee: 'tech-wang' },
    });
    expect(assign.status).toBe(202);
    await http(path('comments'), { token: manager, body: { note: '请带备用加热管' } });
    await http(path('close'), { token: manager, body: { note: '店长确认已修好' } });

    // The edge asks for the region's actions on its own (sync.commandPollS, 3 s by default).
    const issuedAt = Date.now();
    await until(
      () => app.tickets.get(ticket.id)?.status === 'closed',
      'the regional close applied at the store',
    );
    expect(Date.now() - issuedAt).toBeLessThan(5000);
    const history = app.tickets.history(ticket.id);
    expect(history.find((h) => h.note === '请带备用加热管')).toMatchObject({ by: 'central:wang' });

    // The store's own record, with who did it, and back at central through the ordinary sync.
    expect(app.tickets.get(ticket.id)).toMatchObject({
      status: 'closed',
      assignedTo: 'tech-wang',
      closedBy: 'central:wang',
    });
    await until(async () => (await centralTicket())?.status === 'closed', 'the closed ticket synced back');
    const listed = await http<StoreCommandView[]>(`${central.url}/api/stores/${storeId}/commands`, {
      token: manager,
    });
    expect(listed.body.map((c) => [c.action.kind, c.status])).toEqual([
      ['ticket.close', 'applied'],
      ['ticket.comment', 'applied'],
      ['ticket.assign', 'applied'],
    ]);
    // Closed now: a second close is refused at central already, saying why.
    const again = await http<{ message: string }>(path('close'), { token: manager, body: {} });
    expect(again).toMatchObject({ status: 409, body: { message: `ticket ${ticket.id} is already closed` } });
  });

  it("central names the store's equipment as the store's config does, without a config pushed from central", async () => {
    const { config, storeId, central, manager } = await storeWithCentral();

    const fryer = async () =>
      (
        await http<StoreDetail>(`${central.url}/api/stores/${storeId}`, { token: manager })
      ).body.equipment?.find((e) => e.equipmentId === 'fryer-2');
    await until(async () => (await fryer())?.localName != null, 'the equipment names reached central');
    const named = config.equipment.find((e) => e.id === 'fryer-2');
    expect(await fryer()).toMatchObject({
      localName: named?.name,
      type: 'fryer',
      typeLabel: config.equipmentTypes.fryer?.label,
    });
  });

  it("a regional acknowledgement of a store's critical alarm is the store's own within 5 s, by the regional manager's name", async () => {
    const { storeId, central, manager, app, mqttPort } = await storeWithCentral();

    // The combi oven reports its steam generator overheated: a critical alarm at once.
    const password = new DeviceCredentials({ db: app.database, clock: systemClock }).add('oven-1');
    const oven = await connectClient(mqttPort, { username: 'oven-1', password });
    cleanups.push(() => oven.endAsync(true));
    await oven.publishAsync(
      topics.event(storeId, 'oven-1'),
      JSON.stringify({ ts: Date.now(), code: 'E34', message: 'steam generator over temperature' }),
      { qos: 1 },
    );
    await until(() => app.alarms.active().some((a) => a.equipmentId === 'oven-1'), 'the oven alarm raised');
    const alarm = app.alarms.active().find((a) => a.equipmentId === 'oven-1');
    if (!alarm) throw new Error('no oven alarm');
    await until(
      async () =>
        (
          await http<StoreDetail>(`${central.url}/api/stores/${storeId}`, { token: manager })
        ).body.equipment?.some((e) => e.equipmentId === 'oven-1' && e.activeAlarms > 0) === true,
      'the alarm synced to central',
    );

    const issuedAt = Date.now();
    const ack = await http(`${central.url}/api/stores/${storeId}/alarms/${alarm.id}/ack`, {
      token: manager,
      body: {},
    });
    expect(ack.status).toBe(202);
    await until(
      () => app.alarms.get(alarm.id)?.ackedAt != null,
      'the regional acknowledgement applied at the store',
    );
    expect(Date.now() - issuedAt).toBeLessThan(5000);
    expect(app.alarms.get(alarm.id)).toMatchObject({ state: 'active_acked', ackedBy: 'central:wang' });
  });
});
