import { afterEach, expect, it } from 'vitest';
import type { TicketView } from '../shared/api/tickets';
import { type Device, demoConfig, type FaultEdge, runStoreTime, startFaultEdge } from './testing/faults-kit';

const MINUTE = 60_000;
const STEP = 20_000;

let edge: FaultEdge | undefined;
afterEach(async () => {
  await edge?.stop();
});

function coolerOnly() {
  return demoConfig((c) => ({ ...c, equipment: c.equipment.filter((e) => e.id === 'wic-1') }));
}

const at = (device: Device, temp_c: number) => [
  { device, readings: () => ({ temp_c, door_open: false, compressor_on: true }) },
];

async function coolerTicket(e: FaultEdge): Promise<TicketView | undefined> {
  return (await e.api.tickets()).find((t) => t.equipmentId === 'wic-1' && t.fault === 'temp_high');
}

it('an alarm raised before a restart is cleared by its rule after it, and the ticket still gets verified', async () => {
  edge = await startFaultEdge(coolerOnly());
  const e = edge;
  await runStoreTime(e.clock, 16 * MINUTE, STEP, at(await e.device('wic-1'), 8));
  const before = (await e.api.alarms('state=active')).find((a) => a.rule === 'temp_high');
  expect(before).toBeDefined();
  const ticket = await coolerTicket(e);
  expect(ticket?.status).toBe('open');

  await e.restart(2 * MINUTE);
  let cooler = await e.device('wic-1');
  await runStoreTime(e.clock, 6 * MINUTE, STEP, at(cooler, 3));
  const [after] = (await e.api.alarms('state=all')).filter((a) => a.rule === 'temp_high');
  expect(after).toMatchObject({ id: before!.id, state: 'cleared_unacked', lastValue: 3 });

  const path = `/api/tickets/${ticket!.id}/transitions`;
  await e.api.ok('POST', path, { to: 'acknowledged' });
  await e.api.ok('POST', path, { to: 'in_progress' });
  await e.api.ok('POST', path, { to: 'resolved', resolutionCode: 'reset_controller' });
  await runStoreTime(e.clock, 30 * MINUTE, STEP, at(cooler, 3));

  // Down for 10 minutes in the middle of the verification hour: it starts over from the restart.
  await e.restart(10 * MINUTE);
  cooler = await e.device('wic-1');
  await runStoreTime(e.clock, 58 * MINUTE, STEP, at(cooler, 3));
  expect((await coolerTicket(e))?.status).toBe('resolved');
  await runStoreTime(e.clock, 3 * MINUTE, STEP, at(cooler, 3));
  expect(await coolerTicket(e)).toMatchObject({ id: ticket!.id, status: 'verified', verifiedBy: 'system' });
  expect((await e.api.tickets()).filter((t) => t.fault === 'temp_high')).toHaveLength(1);
});
