import { afterEach, describe, expect, it } from 'vitest';
import { Technicians } from '../../../shared/config/technicians';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { type ApiFixture, bearer, createApiFixture } from '../../api/testing/api-fixture';
import { maintenanceMetricsRoutes } from '../maintenance-metrics/maintenance-metrics-routes';
import { MaintenanceMetricsService } from '../maintenance-metrics/maintenance-metrics-service';
import { techniciansRoutes } from '../technicians/technician-routes';
import { TechnicianService } from '../technicians/technician-service';
import { ticketsRoutes } from '../tickets/ticket-routes';
import { partsRoutes } from './parts-routes';
import { GASKET, partsChain } from './testing/parts-test-kit';

describe('parts, purchase requests, technicians and maintenance metrics over HTTP', () => {
  let f: ApiFixture;
  let chain: ReturnType<typeof partsChain>;
  afterEach(async () => {
    await f.close();
    chain.stop();
  });

  async function setup() {
    chain = partsChain([{ ...GASKET, initialStock: 12, reorderPoint: 5 }]);
    const config = {
      ...chain.config,
      technicians: Technicians.parse([
        { id: 'tech-a', name: 'A', kind: 'in_house', userId: 'technician-1', skills: { walk_in_cooler: 2 } },
        { id: 'tech-b', name: 'B', kind: 'contractor', skills: { walk_in_cooler: 3 } },
      ]),
    };
    const { db, clock } = chain;
    const technicians = new TechnicianService({ db, clock, config, tickets: chain.tickets });
    const metrics = new MaintenanceMetricsService({
      db,
      clock,
      logger: silentLogger(),
      storeId: 'test-store',
      config,
    });
    f = await createApiFixture({
      routes: [
        ...ticketsRoutes({ tickets: chain.tickets }),
        ...partsRoutes({ parts: chain.parts }),
        ...techniciansRoutes({ technicians }),
        ...maintenanceMetricsRoutes({ metrics }),
      ],
    });
    return {
      staff: bearer(await f.tokenFor('staff')),
      tech: bearer(await f.tokenFor('technician')),
      manager: bearer(await f.tokenFor('manager')),
    };
  }

  it('parallel resolves using the same part leave one purchase request; approve → receive restocks over HTTP', async () => {
    const { staff, tech, manager } = await setup();
    const post = (url: string, headers: Record<string, string>, payload: object) =>
      f.server.inject({ method: 'POST', url, headers, payload });
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const created = await post('/api/tickets', staff, { equipmentId: 'wic-1', fault: `seal ${i}` });
      const id = created.json().id as number;
      await post(`/api/tickets/${id}/transitions`, manager, { to: 'assigned', assignee: 'technician-1' });
      await post(`/api/tickets/${id}/transitions`, tech, { to: 'in_progress' });
      ids.push(id);
    }
    const resolved = await Promise.all(
      ids.map((id) =>
        post(`/api/tickets/${id}/transitions`, tech, {
          to: 'resolved',
          resolutionCode: 'gasket',
          parts: [{ name: 'Door gasket', partNumber: 'GSK-1', quantity: 1 }],
        }),
      ),
    );
    expect(resolved.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    const part = (await f.server.inject({ url: '/api/parts/GSK-1', headers: tech })).json();
    expect(part).toMatchObject({ onHand: 4, belowReorderPoint: true });
    const open = (
      await f.server.inject({ url: '/api/purchase-requests?status=all', headers: manager })
    ).json();
    expect(open).toHaveLength(1);
    const requestId = open[0].id;

    const byTech = await post(`/api/purchase-requests/${requestId}/transitions`, tech, { to: 'approved' });
    expect(byTech.statusCode).toBe(403);
    const early = await post(`/api/purchase-requests/${requestId}/transitions`, manager, { to: 'received' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'illegal_transition' });
    expect(early.json().message).toContain('allowed: approved, rejected');
    expect(
      (await post(`/api/purchase-requests/${requestId}/transitions`, manager, { to: 'approved' })).statusCode,
    ).toBe(200);
    const received = await post(`/api/purchase-requests/${requestId}/transitions`, manager, {
      to: 'received',
      quantity: 5,
    });
    expect(received.json()).toMatchObject({
      status: 'received',
      receivedBy: 'manager-1',
      receivedQuantity: 5,
    });
    const again = await post(`/api/purchase-requests/${requestId}/transitions`, manager, { to: 'received' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('received is final');
    expect((await f.server.inject({ url: '/api/parts/GSK-1', headers: tech })).json()).toMatchObject({
      onHand: 9,
    });

    const adjust = await post('/api/parts/GSK-1/adjustments', tech, { delta: -1, reason: 'x' });
    expect(adjust.statusCode).toBe(403);
    const noReason = await post('/api/parts/GSK-1/adjustments', manager, { delta: -1, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const counted = await post('/api/parts/GSK-1/adjustments', manager, { delta: -2, reason: 'count' });
    expect(counted.json()).toMatchObject({ onHand: 7 });
    expect(counted.json().movements[0]).toMatchObject({ reason: 'adjusted', note: 'count', by: 'manager-1' });
    expect((await f.server.inject({ url: '/api/parts/NOPE-1', headers: tech })).statusCode).toBe(404);

    const metrics = await f.server.inject({
      url: '/api/maintenance-metrics?groupBy=equipment',
      headers: manager,
    });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.json().groups.find((g: { key: string }) => g.key === 'wic-1')).toMatchObject({
      repairs: 8,
      partsConsumed: [{ partNumber: 'GSK-1', quantity: 8, uses: 8 }],
    });
  });

  it('suggests technicians for a ticket and shows its SLA', async () => {
    const { staff, manager } = await setup();
    const created = await f.server.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: staff,
      payload: { equipmentId: 'wic-1', fault: 'warm' },
    });
    const id = created.json().id;
    const suggestions = await f.server.inject({
      url: `/api/tickets/${id}/assignment-suggestions`,
      headers: staff,
    });
    expect(suggestions.json().suggestions.map((s: { technicianId: string }) => s.technicianId)).toEqual([
      'tech-b',
      'tech-a',
    ]);
    const sla = await f.server.inject({ url: `/api/tickets/${id}/sla`, headers: manager });
    expect(sla.json()).toMatchObject({ ticketId: id, state: null });
    expect((await f.server.inject({ url: '/api/tickets/9999/sla', headers: manager })).statusCode).toBe(404);
    const doc = (await f.server.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/parts',
        '/api/purchase-requests/{requestId}/transitions',
        '/api/tickets/{ticketId}/assignment-suggestions',
        '/api/tickets/{ticketId}/sla',
        '/api/maintenance-metrics',
      ]),
    );
  });
});
