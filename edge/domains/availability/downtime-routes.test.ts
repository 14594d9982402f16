import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { type ApiFixture, bearer, createApiFixture } from '../../api/testing/api-fixture';
import { downtimeRoutes } from './downtime-routes';
import { database, edge, MIN, START, seedMondays } from './testing/downtime-rig';

describe('downtime cost over HTTP', () => {
  let f: ApiFixture;
  afterEach(async () => {
    await f.close();
  });

  it('maintainers and managers read it per equipment and per ticket; staff and the board may not', async () => {
    const clock = new FakeClock(START);
    const e = edge({ db: database(), clock });
    seedMondays(e.db);
    e.outOfService('fryer-1');
    const fryer2 = e.outOfService('fryer-2');
    clock.advance(47 * MIN);
    e.verified(fryer2);
    f = await createApiFixture({ routes: downtimeRoutes({ downtime: e.downtime }) });
    const tech = bearer(await f.tokenFor('technician'));
    const manager = bearer(await f.tokenFor('manager'));
    const staff = bearer(await f.tokenFor('staff'));
    const get = (url: string, headers: Record<string, string> = {}) => f.server.inject({ url, headers });

    const byEquipment = await get(`/api/equipment/fryer-2/downtime-cost?from=${START}`, tech);
    expect(byEquipment.statusCode).toBe(200);
    expect(byEquipment.json().lines).toContainEqual(
      expect.objectContaining({ item: 'fries', episodes: 1, amount: { currency: 'CNY', amount: 39.74 } }),
    );
    const byTicket = await get(`/api/tickets/${fryer2}/downtime-cost`, manager);
    expect(byTicket.json()).toMatchObject({ ticketId: fryer2, openEpisodes: 0 });
    expect((await get(`/api/tickets/${fryer2}/downtime-cost`, staff)).statusCode).toBe(403);
    expect((await get(`/api/tickets/${fryer2}/downtime-cost`)).statusCode).toBe(401);
    expect((await get('/api/equipment/fryer-9/downtime-cost', tech)).statusCode).toBe(404);
    expect((await get('/api/tickets/9999/downtime-cost', tech)).statusCode).toBe(404);
    expect(
      (await get(`/api/equipment/fryer-2/downtime-cost?from=${START}&to=${START}`, tech)).statusCode,
    ).toBe(400);
  });
});
