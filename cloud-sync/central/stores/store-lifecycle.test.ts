import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiRefusal } from '../../../shared/api/session';
import type { StoreState, WebhookDelivery } from '../../../shared/central/api';
import {
  STORE_LIFECYCLE_STATES,
  STORE_STATE_TRANSITIONS,
  type StoreLifecycleState,
  type StoreStateChange,
  type StoreStateHistory,
  type StoreStateRefused,
} from '../../../shared/central/store-lifecycle';
import { StoreTokens } from '../auth/store-tokens';
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
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)('store lifecycle on %s', (backend) => {
  let central: TestCentral;
  let admin: string;

  beforeEach(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
  }, 60_000);
  afterEach(async () => {
    await central.stop();
  });

  const addStore = async (id: string, regionId: string, state?: StoreLifecycleState) => {
    const answer = await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id, name: id, regionId, ...(state ? { state } : {}) },
    });
    expect(answer.status).toBe(201);
  };
  const move = (storeId: string, body: object, token = admin) =>
    http<StoreStateChange & StoreStateRefused & { refusal?: ApiRefusal }>(
      `${central.url}/api/admin/stores/${storeId}/state`,
      {
        token,
        body,
      },
    );
  const history = (storeId: string, token = admin) =>
    http<StoreStateHistory>(`${central.url}/api/stores/${storeId}/state-history`, { token });
  const addUser = async (body: object) => {
    const answer = await http(`${central.url}/api/admin/users`, { token: admin, body });
    expect(answer.status).toBe(201);
  };
  const issueToken = async (storeId: string) =>
    (
      await http<{ token: string }>(`${central.url}/api/admin/stores/${storeId}/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;

  it('starts a new store planned unless told, and refuses every move off the table with 409 naming the next states', async () => {
    await addStore('new-1', 'east');
    const list = await http<StoreState[]>(`${central.url}/api/stores`, { token: admin });
    expect(list.body.find((s) => s.id === 'new-1')?.lifecycle).toEqual({
      state: 'planned',
      since: central.clock.now(),
    });

    let refused = 0;
    for (const from of STORE_LIFECYCLE_STATES) {
      const storeId = `in-${from.replaceAll('_', '-')}`;
      await addStore(storeId, 'east', from);
      for (const to of STORE_LIFECYCLE_STATES) {
        if (STORE_STATE_TRANSITIONS[from].includes(to)) continue;
        const answer = await move(storeId, { to, reason: 'checking the table' });
        expect(answer.status, `${from} → ${to}`).toBe(409);
        expect(answer.body.from).toBe(from);
        expect(answer.body.allowed).toEqual(STORE_STATE_TRANSITIONS[from]);
        for (const next of STORE_STATE_TRANSITIONS[from]) expect(answer.body.message).toContain(next);
        expect(answer.body.error).toBe('conflict');
        // Beside the English words, a code and what it names, for the page to word in its language.
        expect(answer.body.refusal).toEqual(
          from === to
            ? { code: 'store_state.same_state', params: { from, allowed: STORE_STATE_TRANSITIONS[from] } }
            : {
                code: 'store_state.not_allowed',
                params: { from, to, allowed: STORE_STATE_TRANSITIONS[from] },
              },
        );
        refused++;
      }
      // Nothing refused was recorded, and the store stayed where it was.
      const h = await history(storeId);
      expect(h.body.changes).toEqual([]);
      expect(h.body.current.state).toBe(from);
    }
    // 7 states × 7 targets (staying put included), minus the 8 moves the table allows.
    expect(refused).toBe(41);
  });

  it('walks a store from planned to closed, with who, when and why of each move', async () => {
    await addStore('sh-001', 'east');
    const path: [StoreLifecycleState, string | undefined][] = [
      ['fitting_out', undefined],
      ['commissioning', undefined],
      ['open', 'opening day fixed; handover signed on paper'],
      ['temporarily_closed', '水管爆裂 burst pipe'],
      ['open', undefined],
      ['closing', 'lease ends'],
      ['closed', undefined],
    ];
    const start = central.clock.now();
    for (const [i, [to, reason]] of path.entries()) {
      central.clock.advance(60_000);
      // No box signed a handover here: opening from commissioning is an admin's override.
      const override = to === 'open' && reason !== undefined;
      const answer = await move('sh-001', reason ? { to, reason, override } : { to });
      expect(answer.status, to).toBe(201);
      expect(answer.body).toMatchObject({ to, by: 'admin', at: start + (i + 1) * 60_000 });
    }
    const h = await history('sh-001');
    expect(h.body.current).toEqual({ state: 'closed', since: start + 7 * 60_000 });
    expect(h.body.changes.map((c) => [c.from, c.to, c.reason, c.by, c.override])).toEqual([
      ['planned', 'fitting_out', null, 'admin', false],
      ['fitting_out', 'commissioning', null, 'admin', false],
      ['commissioning', 'open', 'opening day fixed; handover signed on paper', 'admin', true],
      ['open', 'temporarily_closed', '水管爆裂 burst pipe', 'admin', false],
      ['temporarily_closed', 'open', null, 'admin', false],
      ['open', 'closing', 'lease ends', 'admin', false],
      ['closing', 'closed', null, 'admin', false],
    ]);
  });

  it('asks for a reason, keeps overrides for admins, and lets a regional manager move only their own stores', async () => {
    await addStore('sh-001', 'east', 'open');
    await addStore('bj-001', 'north', 'commissioning');
    await addUser({
      username: 'east-mgr',
      password: 'manager-pass-1',
      role: 'regional_manager',
      regionId: 'east',
    });
    await addUser({
      username: 'tech-1',
      password: 'tech-pass-123',
      role: 'technician',
      storeIds: ['sh-001'],
    });
    const manager = await login(central.url, 'east-mgr', 'manager-pass-1');
    const technician = await login(central.url, 'tech-1', 'tech-pass-123');

    expect(await move('sh-001', { to: 'temporarily_closed' })).toMatchObject({
      status: 400,
      body: {
        error: 'bad_request',
        message: 'moving to temporarily_closed needs a reason',
        refusal: { code: 'store_state.reason_required', params: { to: 'temporarily_closed' } },
      },
    });
    expect((await move('sh-001', { to: 'temporarily_closed', reason: '   ' })).status).toBe(400);
    expect(await move('bj-001', { to: 'planned', override: true })).toMatchObject({
      status: 400,
      body: {
        message: 'moving to planned by override needs a reason',
        refusal: { code: 'store_state.override_needs_reason', params: { to: 'planned' } },
      },
    });
    expect((await move('sh-001', { to: 'open', colour: 'red' })).status).toBe(400);

    expect(await move('sh-001', { to: 'closing', reason: 'x', override: true }, manager)).toMatchObject({
      status: 403,
      body: {
        error: 'forbidden',
        message: 'only an admin may override the state table',
        refusal: { code: 'store_state.override_admin_only', params: {} },
      },
    });
    expect(await move('bj-001', { to: 'open' }, manager)).toMatchObject({
      status: 404,
      body: {
        error: 'not_found',
        message: 'no such store in your scope',
        refusal: { code: 'store_state.store_not_in_scope', params: { store: 'bj-001' } },
      },
    });
    // Commissioning opens on the signed handover; without one, nobody opens it along the table.
    await addStore('sh-002', 'east', 'commissioning');
    const early = await move('sh-002', { to: 'open' }, manager);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('handover');
    expect(early.body).toMatchObject({
      error: 'conflict',
      from: 'commissioning',
      refusal: { code: 'commissioning.handover_required', params: { store: 'sh-002' } },
    });
    expect((await move('sh-002', { to: 'open' })).status).toBe(409);
    expect((await move('sh-002', { to: 'open', reason: 'x', override: true }, manager)).status).toBe(403);
    expect(
      (await move('sh-001', { to: 'temporarily_closed', reason: 'deep clean' }, technician)).status,
    ).toBe(403);
    const own = await move('sh-001', { to: 'temporarily_closed', reason: 'deep clean' }, manager);
    expect(own.status).toBe(201);
    expect(own.body.by).toBe('east-mgr');

    const override = await move('bj-001', { to: 'planned', reason: 'site fell through', override: true });
    expect(override.status).toBe(201);
    expect((await history('bj-001')).body.changes.map((c) => [c.from, c.to, c.override])).toEqual([
      ['commissioning', 'planned', true],
    ]);
    // A technician reads the history of their store, not of others.
    expect((await history('sh-001', technician)).status).toBe(200);
    expect((await history('bj-001', technician)).status).toBe(404);
  });

  it("refuses a closed store's token at sync, in every process at once, while the region still reads its history", async () => {
    await addStore('sh-001', 'east', 'closing');
    await addUser({
      username: 'east-mgr',
      password: 'manager-pass-1',
      role: 'regional_manager',
      regionId: 'east',
    });
    const token = await issueToken('sh-001');
    const first = await postBatch(
      central.url,
      token,
      batchOf('sh-001', [event(1, 'alarm.raised', 1, alarmView())]),
    );
    expect(first.status).toBe(200);
    // Another central process on the same database, with its own cache of verified tokens.
    const otherProcess = new StoreTokens({ db: central.service.central.database.db, clock: central.clock });
    expect(await otherProcess.verify(token)).toMatchObject({ storeId: 'sh-001' });

    central.clock.advance(3_600_000);
    expect((await move('sh-001', { to: 'closed' })).status).toBe(201);
    const closedOn = new Date(central.clock.now()).toISOString().slice(0, 10);

    const refused = await postBatch(
      central.url,
      token,
      batchOf('sh-001', [event(2, 'alarm.cleared', 1, alarmView())]),
    );
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain(`store closed on ${closedOn}`);
    expect(await otherProcess.verify(token)).toEqual({ closed: true, closedAt: central.clock.now() });

    const manager = await login(central.url, 'east-mgr', 'manager-pass-1');
    const h = await history('sh-001', manager);
    expect(h.status).toBe(200);
    expect(h.body.current.state).toBe('closed');
    const detail = await http<{ state: StoreState; activeAlarms: unknown[] }>(
      `${central.url}/api/stores/sh-001`,
      {
        token: manager,
      },
    );
    expect(detail.status).toBe(200);
    expect(detail.body.state.lifecycle?.state).toBe('closed');
    // What it synced before closing is still there.
    expect(detail.body.activeAlarms).toHaveLength(1);
  });

  it('sends a critical alarm of an open store to the webhook, and none of a commissioning store', async () => {
    await addStore('sh-open', 'east', 'open');
    await addStore('sh-new', 'east', 'commissioning');
    const hook = await http(`${central.url}/api/admin/webhooks`, {
      token: admin,
      // Nothing listens there: the queued rows are what this test reads.
      body: { regionId: 'east', flavour: 'wecom', url: 'http://127.0.0.1:9/hook' },
    });
    expect(hook.status).toBe(201);
    const openToken = await issueToken('sh-open');
    const newToken = await issueToken('sh-new');
    const critical = alarmView({ severity: 'critical' });
    expect(
      (await postBatch(central.url, newToken, batchOf('sh-new', [event(1, 'alarm.raised', 1, critical)])))
        .status,
    ).toBe(200);
    expect(
      (await postBatch(central.url, openToken, batchOf('sh-open', [event(1, 'alarm.raised', 1, critical)])))
        .status,
    ).toBe(200);
    expect(
      (await postBatch(central.url, newToken, batchOf('sh-new', [event(2, 'alarm.escalated', 1, critical)])))
        .status,
    ).toBe(200);

    const deliveries = async () =>
      (await http<WebhookDelivery[]>(`${central.url}/api/admin/webhooks/deliveries`, { token: admin })).body;
    expect((await deliveries()).map((d) => [d.storeId, d.reason])).toEqual([['sh-open', 'critical_alarm']]);
    expect(central.service.central.ingest.quietAlerts.skipped).toBe(2);

    // The overview still shows the commissioning store's alarm, marked by its state.
    const stores = await http<StoreState[]>(`${central.url}/api/stores`, { token: admin });
    const quiet = stores.body.find((s) => s.id === 'sh-new');
    expect(quiet?.activeAlarms.critical).toBe(1);
    expect(quiet?.lifecycle?.state).toBe('commissioning');

    // Once it opens, the same alarm reaches the region.
    expect((await move('sh-new', { to: 'open', reason: 'handover on paper', override: true })).status).toBe(
      201,
    );
    await postBatch(
      central.url,
      newToken,
      batchOf('sh-new', [event(3, 'alarm.raised', 2, alarmView({ id: 2 }))]),
    );
    expect((await deliveries()).map((d) => d.storeId).sort()).toEqual(['sh-new', 'sh-open']);
  });
});
