import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvailabilityChange, type ItemAvailability } from '../shared/api/menu';
import { demoConfig, eventually, type FaultEdge, startFaultEdge } from './testing/faults-kit';

/** The POS's side: every availability change it was told, as it arrived. */
const told: AvailabilityChange[] = [];
const pos = createServer((req, res) => {
  let text = '';
  req.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  req.on('end', () => {
    told.push(AvailabilityChange.parse(JSON.parse(text)));
    res.writeHead(204).end();
  });
});

describe('a broken fryer 86s the fries by itself, and tells the POS', () => {
  let edge: FaultEdge;
  beforeAll(async () => {
    await new Promise<void>((resolve) => pos.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(pos.address() as AddressInfo).port}/availability`;
    // Two fryers, as the scenario has it (the demo store has three).
    const config = demoConfig((c) => ({
      ...c,
      equipment: c.equipment.filter((e) => e.id !== 'fryer-3'),
      posConnectors: { ...c.posConnectors, availabilityWebhooks: [{ id: 'pos', url }] },
    }));
    edge = await startFaultEdge(config);
  });
  afterAll(async () => {
    await edge?.stop();
    await new Promise<void>((resolve) => pos.close(() => resolve()));
  });

  const unavailable = async () =>
    (await edge.api.ok<ItemAvailability[]>('GET', '/api/menu/availability'))
      .filter((i) => !i.available)
      .map((i) => i.item)
      .sort();
  const told86 = (available: boolean) =>
    told
      .filter((t) => t.available === available)
      .map((t) => t.item)
      .sort();

  it('fryer 1 faults: nothing; fryer 2 faults too: fries, nuggets and combo within 5 s, once each', async () => {
    const fryer1 = await edge.device('fryer-1');
    const fryer2 = await edge.device('fryer-2');
    for (let i = 0; i < 4; i++) {
      edge.clock.advance(5_000);
      await fryer1.telemetry({ oil_temp_c: 231, heating_on: false });
    }
    expect(await unavailable()).toEqual([]);
    for (let i = 0; i < 4; i++) {
      edge.clock.advance(5_000);
      await fryer2.telemetry({ oil_temp_c: 232, heating_on: false });
    }
    const started = Date.now();
    expect(await unavailable()).toEqual(['combo', 'fries', 'nuggets']);
    await eventually(() => (told.length >= 3 ? true : undefined), 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(told86(false)).toEqual(['combo', 'fries', 'nuggets']);

    // the fault keeps being reported: nobody is told again
    for (let i = 0; i < 4; i++) {
      edge.clock.advance(5_000);
      await fryer2.telemetry({ oil_temp_c: 236, heating_on: false });
    }
    const fries = (await edge.api.ok<ItemAvailability[]>('GET', '/api/menu/availability')).find(
      (i) => i.item === 'fries',
    );
    expect(fries?.reasons[0]).toMatchObject({ kind: 'equipment', capability: 'fryer' });
    expect(told).toHaveLength(3);
  });

  it('salad 86d by hand stays off when fryer 2 comes back; fries, nuggets and combo return once each', async () => {
    const put = await edge.api.request('POST', '/api/menu/items/salad/eighty-six', {});
    expect(put.status).toBe(404); // PUT is the verb: a POST is not a route
    const res = await fetch(`${edge.api.base}/api/menu/items/salad/eighty-six`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${edge.api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'out of lettuce' }),
    });
    expect(res.status).toBe(200);
    await eventually(() => (told.length >= 4 ? true : undefined));

    const fryer2 = await edge.device('fryer-2');
    for (let i = 0; i < 16; i++) {
      edge.clock.advance(5_000);
      await fryer2.telemetry({ oil_temp_c: 175, heating_on: true });
    }
    expect(await unavailable()).toEqual(['salad']);
    await eventually(() => (told.length >= 7 ? true : undefined));
    expect(told86(true)).toEqual(['combo', 'fries', 'nuggets']);
    expect(told).toHaveLength(7);
    const deliveries = await edge.api.ok<{ state: string }[]>('GET', '/api/menu/availability/deliveries');
    expect(deliveries.map((d) => d.state)).toEqual(Array(7).fill('delivered'));
  });

  it('a repair report marked out of service takes its fryer out until the repair is verified', async () => {
    const report = (equipmentId: string) =>
      edge.api.ok<{ id: number; outOfService?: boolean }>('POST', '/api/tickets', {
        equipmentId,
        fault: 'not heating',
        category: 'not_heating',
        outOfService: true,
      });
    const first = await report('fryer-1');
    expect(first.outOfService).toBe(true);
    expect(await unavailable()).toEqual(['salad']);
    const second = await report('fryer-2');
    await eventually(async () => ((await unavailable()).includes('fries') ? true : undefined));
    const fries = (await edge.api.ok<ItemAvailability[]>('GET', '/api/menu/availability')).find(
      (i) => i.item === 'fries',
    );
    expect(fries?.reasons[0]).toMatchObject({
      kind: 'equipment',
      units: [
        { equipmentId: 'fryer-1', ticketId: first.id },
        { equipmentId: 'fryer-2', ticketId: second.id },
      ],
    });
    for (const step of [
      { to: 'acknowledged' },
      { to: 'in_progress' },
      { to: 'resolved', resolutionCode: 'thermostat replaced' },
      { to: 'verified' },
    ]) {
      await edge.api.ok('POST', `/api/tickets/${second.id}/transitions`, step);
    }
    await eventually(async () => ((await unavailable()).includes('fries') ? undefined : true));
    expect(await unavailable()).toEqual(['salad']);
  });
});
