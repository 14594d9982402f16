import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PendingStoreCommands, StoreCommandView } from '../../../shared/central/store-commands';
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

describe.each(BACKENDS)('regional actions queued for the store on %s', (backend) => {
  let central: TestCentral;
  let manager: string;
  let technician: string;
  let northManager: string;
  const storeTokens: Record<string, string> = {};

  beforeEach(async () => {
    central = await startTestCentral(backend);
    const admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    for (const [id, regionId] of [
      ['sh-001', 'east'],
      ['bj-001', 'north'],
    ] as const) {
      await http(`${central.url}/api/admin/stores`, { token: admin, body: { id, regionId } });
      storeTokens[id] = (
        await http<{ token: string }>(`${central.url}/api/admin/stores/${id}/tokens`, {
          token: admin,
          method: 'POST',
        })
      ).body.token;
    }
    const users = [
      { username: 'wang', password: 'east-pw-123', role: 'regional_manager', regionId: 'east' },
      { username: 'zhao', password: 'north-pw-123', role: 'regional_manager', regionId: 'north' },
      { username: 'tech.li', password: 'tech-pw-123', role: 'technician', storeIds: ['sh-001'] },
    ];
    for (const body of users) await http(`${central.url}/api/admin/users`, { token: admin, body });
    manager = await login(central.url, 'wang', 'east-pw-123');
    northManager = await login(central.url, 'zhao', 'north-pw-123');
    technician = await login(central.url, 'tech.li', 'tech-pw-123');
    await postBatch(
      central.url,
      storeTokens['sh-001'] ?? '',
      batchOf('sh-001', [
        event(1, 'alarm.raised', 1, alarmView({ id: 1 })),
        event(2, 'alarm.acked', 2, alarmView({ id: 2, state: 'active_acked', ackedAt: 5, ackedBy: 'chen' })),
        event(3, 'ticket.opened', 7, ticketView({ id: 7 })),
        event(4, 'ticket.opened', 8, ticketView({ id: 8, status: 'closed' })),
      ]),
    );
  });
  afterEach(async () => {
    await central.stop();
  });

  const post = <T>(path: string, token: string, body: object = {}) =>
    http<T>(`${central.url}${path}`, { token, body });
  const poll = (storeId: string, after: number) =>
    http<PendingStoreCommands>(`${central.url}/api/sync/commands?after=${after}`, {
      token: storeTokens[storeId] ?? '',
    });

  it('records who did what and when, refuses with the reason, and hands the store its commands', async () => {
    const ack = await post<StoreCommandView>('/api/stores/sh-001/alarms/1/ack', manager, {
      note: '已电话店长',
    });
    expect(ack.status).toBe(202);
    expect(ack.body).toMatchObject({
      storeId: 'sh-001',
      action: { kind: 'alarm.ack', alarmId: 1, note: '已电话店长' },
      issuedBy: 'wang',
      issuedAt: central.clock.now(),
      status: 'pending',
    });
    const assign = await post<StoreCommandView>('/api/stores/sh-001/tickets/7/assign', manager, {
      assignee: 'tech.li',
    });
    expect(assign.status).toBe(202);
    const comment = await post('/api/stores/sh-001/tickets/7/comments', technician, {
      note: '明早 9 点到店',
    });
    expect(comment.status).toBe(202);

    // Every refusal says why.
    const techAssign = await post<{ message: string }>('/api/stores/sh-001/tickets/7/assign', technician, {
      assignee: 'someone',
    });
    expect(techAssign.status).toBe(403);
    expect(techAssign.body.message).toContain('allowed: admin, regional_manager');
    const twice = await post<{ message: string }>('/api/stores/sh-001/alarms/2/ack', manager);
    expect(twice).toMatchObject({
      status: 409,
      body: {
        error: 'request_error',
        message: 'alarm 2 was already acknowledged by chen',
        // Beside the English words, a code and what it names, for the page to word in its language.
        refusal: { code: 'store_command.alarm_already_acknowledged', params: { alarm: 2, by: 'chen' } },
      },
    });
    const neverSynced = await post('/api/stores/sh-001/alarms/42/ack', manager);
    expect(neverSynced).toMatchObject({
      status: 404,
      body: {
        message: 'store "sh-001" has not synced an alarm 42',
        refusal: { code: 'store_command.alarm_not_synced', params: { store: 'sh-001', alarm: 42 } },
      },
    });
    const closed = await post<{ message: string }>('/api/stores/sh-001/tickets/8/close', manager);
    expect(closed).toMatchObject({
      status: 409,
      body: {
        message: 'ticket 8 is already closed',
        refusal: { code: 'store_command.ticket_finished', params: { ticket: 8, status: 'closed' } },
      },
    });
    const unknown = await post<{ message: string }>('/api/stores/sh-001/tickets/99/comments', manager, {
      note: 'x',
    });
    expect(unknown).toMatchObject({
      status: 404,
      body: {
        message: 'store "sh-001" has not synced a ticket 99',
        refusal: { code: 'store_command.ticket_not_synced', params: { store: 'sh-001', ticket: 99 } },
      },
    });
    const otherRegion = await post<{ message: string }>('/api/stores/sh-001/alarms/1/ack', northManager);
    expect(otherRegion).toMatchObject({
      status: 404,
      body: {
        error: 'not_found',
        message: 'no such store in your scope',
        refusal: { code: 'store_command.store_not_in_scope', params: { store: 'sh-001' } },
      },
    });

    // The edge: oldest first, delivered once fetched; fetched again until it moves its cursor.
    const first = await poll('sh-001', 0);
    expect(first.body.commands.map((c) => [c.action.kind, c.status])).toEqual([
      ['alarm.ack', 'delivered'],
      ['ticket.assign', 'delivered'],
      ['ticket.comment', 'delivered'],
    ]);
    expect((await poll('sh-001', 0)).body.commands).toHaveLength(3);
    expect((await poll('sh-001', assign.body.id)).body.commands.map((c) => c.action.kind)).toEqual([
      'ticket.comment',
    ]);
    expect((await poll('bj-001', 0)).body.commands).toEqual([]);

    const report = (storeId: string, body: object) =>
      http<StoreCommandView>(`${central.url}/api/sync/commands/report`, {
        token: storeTokens[storeId] ?? '',
        body,
      });
    expect((await report('sh-001', { id: ack.body.id, outcome: 'rejected', at: 1 })).status).toBe(400);
    expect(await report('bj-001', { id: ack.body.id, outcome: 'applied', at: 1 })).toMatchObject({
      status: 404,
      body: {
        message: `store "bj-001" has no command ${ack.body.id}`,
        refusal: {
          code: 'store_command.command_not_found',
          params: { store: 'bj-001', command: ack.body.id },
        },
      },
    });
    await report('sh-001', { id: ack.body.id, outcome: 'applied', at: 11 });
    await report('sh-001', {
      id: assign.body.id,
      outcome: 'rejected',
      reason: 'no technician tech.li here',
      at: 12,
    });
    // Reported commands are not handed over again.
    expect((await poll('sh-001', 0)).body.commands.map((c) => c.action.kind)).toEqual(['ticket.comment']);

    const listed = await http<StoreCommandView[]>(`${central.url}/api/stores/sh-001/commands`, {
      token: technician,
    });
    expect(listed.body.map((c) => [c.action.kind, c.issuedBy, c.status, c.reason])).toEqual([
      ['ticket.comment', 'tech.li', 'delivered', null],
      ['ticket.assign', 'wang', 'rejected', 'no technician tech.li here'],
      ['alarm.ack', 'wang', 'applied', null],
    ]);
  });
});
