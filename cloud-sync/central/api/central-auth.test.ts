import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmFeed, OpenTicket, Region, StoreState } from '../../../shared/central/api';
import { SYNC_ROUTES } from '../../../shared/sync/sync-protocol';
import {
  ADMIN_PASSWORD,
  alarmView,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
  ticketView,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)('central auth and scope on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  const tokens: Record<string, string> = {};
  const tokenIds: Record<string, string> = {};

  beforeEach(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    for (const [id, regionId] of [
      ['sh-001', 'east'],
      ['sh-002', 'east'],
      ['bj-001', 'north'],
    ] as const) {
      await http(`${central.url}/api/admin/stores`, { token: admin, body: { id, regionId } });
      const issued = await http<{ token: string; tokenId: string }>(
        `${central.url}/api/admin/stores/${id}/tokens`,
        {
          token: admin,
          method: 'POST',
        },
      );
      tokens[id] = issued.body.token;
      tokenIds[id] = issued.body.tokenId;
      await postBatch(
        central.url,
        issued.body.token,
        batchOf(id, [event(1, 'alarm.raised', 1, alarmView()), event(2, 'ticket.opened', 1, ticketView())]),
      );
    }
    const users = [
      { username: 'wang', password: 'east-manager', role: 'regional_manager', regionId: 'east' },
      { username: 'zhao', password: 'north-manager', role: 'regional_manager', regionId: 'north' },
      { username: 'chen', password: 'technician-1', role: 'technician', storeIds: ['sh-002'] },
    ];
    for (const user of users) {
      const added = await http(`${central.url}/api/admin/users`, { token: admin, body: user });
      expect(added.status).toBe(201);
    }
  });
  afterEach(async () => {
    await central.stop();
  });

  const storeIds = async (token: string) =>
    (await http<StoreState[]>(`${central.url}/api/stores`, { token })).body.map((s) => s.id);

  it('scopes every read route by role', async () => {
    const wang = await login(central.url, 'wang', 'east-manager');
    const chen = await login(central.url, 'chen', 'technician-1');
    // Ordered by region, then store.
    expect(await storeIds(admin)).toEqual(['sh-001', 'sh-002', 'bj-001']);
    expect(await storeIds(wang)).toEqual(['sh-001', 'sh-002']);
    expect(await storeIds(chen)).toEqual(['sh-002']);

    const feedStores = async (token: string) =>
      [
        ...new Set(
          (await http<AlarmFeed>(`${central.url}/api/alarms`, { token })).body.entries.map((e) => e.storeId),
        ),
      ].sort();
    expect(await feedStores(wang)).toEqual(['sh-001', 'sh-002']);
    expect(await feedStores(chen)).toEqual(['sh-002']);

    const ticketStores = async (token: string) =>
      (await http<OpenTicket[]>(`${central.url}/api/tickets`, { token })).body.map((t) => t.storeId).sort();
    expect(await ticketStores(wang)).toEqual(['sh-001', 'sh-002']);
    expect(await ticketStores(chen)).toEqual(['sh-002']);

    const regions = async (token: string) =>
      (await http<Region[]>(`${central.url}/api/regions`, { token })).body.map((r) => r.id);
    expect(await regions(admin)).toEqual(['east', 'north']);
    expect(await regions(wang)).toEqual(['east']);

    expect((await http(`${central.url}/api/stores/sh-001`, { token: wang })).status).toBe(200);
  });

  it('answers 404 for a store outside the scope, exactly as for one that does not exist', async () => {
    const wang = await login(central.url, 'wang', 'east-manager');
    const chen = await login(central.url, 'chen', 'technician-1');
    const missing = await http(`${central.url}/api/stores/nowhere`, { token: wang });
    for (const [token, url] of [
      [wang, '/api/stores/bj-001'],
      [wang, '/api/alarms?storeId=bj-001'],
      [wang, '/api/tickets?storeId=bj-001'],
      [chen, '/api/stores/sh-001'],
      [chen, '/api/alarms?storeId=sh-001'],
    ] as const) {
      const answer = await http(`${central.url}${url}`, { token });
      expect({ url, ...answer }).toEqual({ url, status: 404, body: missing.body });
    }
    expect(missing.body).toEqual({ error: 'not_found', message: 'no such store in your scope' });
  });

  it('refuses people without a valid session, and non-admins on admin routes, with clear bodies', async () => {
    const none = await http(`${central.url}/api/stores`);
    expect(none).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const bogus = await http(`${central.url}/api/stores`, { token: 'not-a-session' });
    expect(bogus).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const wrongPassword = await http(`${central.url}/api/session`, {
      body: { username: 'wang', password: 'nope' },
    });
    expect(wrongPassword).toMatchObject({ status: 401, body: { message: 'unknown user or wrong password' } });

    const wang = await login(central.url, 'wang', 'east-manager');
    const adminOnly = await http(`${central.url}/api/admin/stores`, {
      token: wang,
      body: { id: 'x', regionId: 'east' },
    });
    expect(adminOnly).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await http(`${central.url}/api/admin/users`, { token: wang })).status).toBe(403);

    await http(`${central.url}/api/session`, { token: wang, method: 'DELETE' });
    expect((await http(`${central.url}/api/stores`, { token: wang })).status).toBe(401);

    const storeTokenOnPeopleRoute = await http(`${central.url}/api/stores`, { token: tokens['sh-001'] });
    expect(storeTokenOnPeopleRoute).toMatchObject({ status: 403, body: { error: 'forbidden' } });
  });

  it('lets a store token write only its own store, and not after it is revoked', async () => {
    const batch = batchOf('sh-001', [event(3, 'pm.done', 'x', {})]);
    const none = await http(`${central.url}${SYNC_ROUTES.batches}`, { body: batch });
    expect(none).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const session = await postBatch(central.url, admin, batch);
    expect(session).toMatchObject({
      status: 403,
      body: { message: 'the sync routes take a store token, not a session' },
    });
    const forged = await postBatch(central.url, `${tokens['sh-001']?.slice(0, -4)}AAAA`, batch);
    expect(forged).toMatchObject({ status: 401, body: { message: 'unknown store token' } });

    const otherStore = await postBatch(central.url, tokens['sh-002'] ?? '', batch);
    expect(otherStore).toMatchObject({
      status: 403,
      body: { error: 'forbidden', message: 'this token belongs to store sh-002, not sh-001' },
    });

    const revoked = await http(`${central.url}/api/admin/tokens/${tokenIds['sh-001']}`, {
      token: admin,
      method: 'DELETE',
    });
    expect(revoked.status).toBe(200);
    const after = await postBatch(central.url, tokens['sh-001'] ?? '', batch);
    expect(after).toMatchObject({
      status: 401,
      body: { message: 'this store token was revoked; issue a new one' },
    });
    const held = await http<StoreState[]>(`${central.url}/api/stores`, { token: admin });
    expect(held.body.map((s) => [s.id, s.highestSeq])).toEqual([
      ['sh-001', 2],
      ['sh-002', 2],
      ['bj-001', 2],
    ]);
  });

  it('describes the API with roles and security from the same schemas', async () => {
    const doc = await http<{
      paths: Record<string, Record<string, { security: unknown; 'x-roles'?: string[] }>>;
    }>(`${central.url}/api/openapi.json`);
    expect(doc.body.paths['/api/stores/{storeId}']?.get?.security).toEqual([{ bearer: [] }]);
    expect(doc.body.paths['/api/admin/users']?.post?.['x-roles']).toEqual(['admin']);
    expect(doc.body.paths[SYNC_ROUTES.batches]?.post?.security).toEqual([{ storeToken: [] }]);
    expect(doc.body.paths['/api/session']?.post?.security).toEqual([]);
  });
});
