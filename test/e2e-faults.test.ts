import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmView } from '../shared/api/alarms';
import type { TicketView } from '../shared/api/tickets';
import {
  ApiClient,
  type Device,
  demoConfig,
  eventually,
  type FaultEdge,
  runStoreTime,
  startFaultEdge,
} from './testing/faults-kit';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Devices report every 10 s; stepping 20 s keeps them well inside the 30 s silence limit. */
const STEP = 20 * SECOND;

/** The demo store with only the walk-in cooler and the combi oven, so no other equipment goes silent. */
function cookLineConfig() {
  return demoConfig((c) => ({
    ...c,
    equipment: c.equipment.filter((e) => ['wic-1', 'oven-1'].includes(e.id)),
  }));
}

let edge: FaultEdge;
let cooler: Device;

beforeEach(async () => {
  edge = await startFaultEdge(cookLineConfig());
  cooler = await edge.device('wic-1');
});

afterEach(async () => {
  await edge?.stop();
});

const coolerAt = (temp_c: number) => [
  { device: cooler, readings: () => ({ temp_c, door_open: false, compressor_on: true }) },
];

async function coolerTickets(api: ApiClient): Promise<TicketView[]> {
  return (await api.tickets()).filter((t) => t.equipmentId === 'wic-1' && t.fault === 'temp_high');
}

async function activeAlarm(rule: string, equipmentId = 'wic-1'): Promise<AlarmView | undefined> {
  const active = await edge.api.alarms('state=active');
  return active.find((a) => a.equipmentId === equipmentId && a.rule === rule);
}

/** A technician's visit through the API: acknowledged, assigned, worked on, resolved. */
async function repair(ticketId: number): Promise<TicketView> {
  const base = edge.api.base;
  const manager = await ApiClient.login(base, 'mgr-li', '2222');
  const tech = await ApiClient.login(base, 'tech-wang', '3333');
  const path = `/api/tickets/${ticketId}/transitions`;
  await manager.ok('POST', path, { to: 'acknowledged' });
  await manager.ok('POST', path, { to: 'assigned', assignee: 'tech-wang' });
  await tech.ok('POST', path, { to: 'in_progress' });
  return tech.ok<TicketView>('POST', path, {
    to: 'resolved',
    resolutionCode: 'replaced_part',
    parts: [{ name: 'evaporator fan motor', quantity: 1 }],
    notes: 'fan seized; replaced',
  });
}

describe('walk-in cooler warming, end to end over MQTT and HTTP', () => {
  it('raises a critical alarm after 15 min above 5 °C and opens a ticket carrying the telemetry around it', async () => {
    await runStoreTime(edge.clock, 20 * MINUTE, STEP, coolerAt(3));
    const warmFrom = edge.clock.now();
    await runStoreTime(edge.clock, 14 * MINUTE, STEP, coolerAt(7.5));
    expect(await activeAlarm('temp_high'), 'held 14 min: not yet').toBeUndefined();
    expect(await coolerTickets(edge.api)).toEqual([]);

    await runStoreTime(edge.clock, 2 * MINUTE, STEP, coolerAt(7.5));
    const alarm = await activeAlarm('temp_high');
    expect(alarm).toMatchObject({ severity: 'critical', state: 'active_unacked', raisedValue: 7.5 });
    expect(alarm!.raisedAt - warmFrom).toBeGreaterThanOrEqual(15 * MINUTE);
    expect(alarm!.raisedAt - warmFrom).toBeLessThanOrEqual(15 * MINUTE + STEP + SECOND); // the clock also runs in real time

    const acked = await edge.api.ok<AlarmView>('POST', `/api/alarms/${alarm!.id}/ack`);
    expect(acked).toMatchObject({ state: 'active_acked', ackedBy: 'admin' });
    const again = await edge.api.request('POST', `/api/alarms/${alarm!.id}/ack`);
    expect(again.status).toBe(409);

    const [ticket, ...others] = await coolerTickets(edge.api);
    expect(others).toEqual([]);
    expect(ticket).toMatchObject({ source: 'auto', status: 'open', severity: 'critical', repeat: false });
    expect(ticket!.alarmIds).toEqual([alarm!.id]);
    const snapshot = ticket!.snapshot!;
    expect(snapshot.raisedAt).toBe(alarm!.raisedAt);
    expect(snapshot.value).toBe(7.5);
    expect(snapshot.rule).toMatchObject({
      kind: 'threshold',
      metric: 'temp_c',
      raise: { op: '>', value: 5 },
    });
    const temps = snapshot.series.temp_c ?? [];
    // The hour before the fault, from the rollups: the normal stretch and the warming both show.
    expect(temps.some((p) => p.max <= 3)).toBe(true);
    expect(temps.some((p) => p.min >= 7.5)).toBe(true);
    expect(temps.every((p) => p.ts >= snapshot.from && p.ts <= snapshot.to)).toBe(true);
    expect(snapshot.series.door_open?.length, 'suppression metric in the snapshot').toBeGreaterThan(0);
  });

  it('clears only after 5 min below 4 °C; resolved plus an hour of normal telemetry verifies the ticket', async () => {
    await runStoreTime(edge.clock, 16 * MINUTE, STEP, coolerAt(8));
    const [ticket] = await coolerTickets(edge.api);
    expect(ticket?.status).toBe('open');

    // Hysteresis: 4.5 °C is below the raise threshold but not below the clear one.
    await runStoreTime(edge.clock, 10 * MINUTE, STEP, coolerAt(4.5));
    expect(await activeAlarm('temp_high')).toBeDefined();
    await runStoreTime(edge.clock, 4 * MINUTE, STEP, coolerAt(3));
    expect(await activeAlarm('temp_high'), '4 min below 4 °C: still active').toBeDefined();
    await runStoreTime(edge.clock, 2 * MINUTE, STEP, coolerAt(3));
    expect(await activeAlarm('temp_high')).toBeUndefined();
    const [cleared] = (await edge.api.alarms()).filter((a) => a.rule === 'temp_high');
    expect(cleared).toMatchObject({ state: 'cleared_unacked', lastValue: 3 });
    expect((await coolerTickets(edge.api))[0]?.status, 'a cleared alarm does not close the ticket').toBe(
      'open',
    );

    const resolved = await repair(ticket!.id);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'tech-wang', acknowledgedBy: 'mgr-li' });

    await runStoreTime(edge.clock, 59 * MINUTE, STEP, coolerAt(3));
    expect((await coolerTickets(edge.api))[0]?.status, '59 min after the repair').toBe('resolved');
    await runStoreTime(edge.clock, 2 * MINUTE, STEP, coolerAt(3));
    const verified = (await coolerTickets(edge.api))[0]!;
    expect(verified).toMatchObject({ status: 'verified', verifiedBy: 'system' });
    expect(verified.verifiedAt! - verified.resolvedAt!).toBeGreaterThanOrEqual(60 * MINUTE);

    const detail = await edge.api.ok<TicketView & { history: { to: string; by: string }[] }>(
      'GET',
      `/api/tickets/${ticket!.id}`,
    );
    expect(detail.history.map((h) => `${h.to} by ${h.by}`)).toEqual([
      'open by system',
      'acknowledged by mgr-li',
      'assigned by mgr-li',
      'in_progress by tech-wang',
      'resolved by tech-wang',
      'verified by system',
    ]);
  });

  it('a fault returning within 7 days of a verified repair opens a repeat repair linked to it', async () => {
    await runStoreTime(edge.clock, 16 * MINUTE, STEP, coolerAt(8));
    await runStoreTime(edge.clock, 6 * MINUTE, STEP, coolerAt(3));
    const [first] = await coolerTickets(edge.api);
    await repair(first!.id);
    await runStoreTime(edge.clock, 61 * MINUTE, STEP, coolerAt(3));
    expect((await coolerTickets(edge.api))[0]?.status).toBe('verified');

    await runStoreTime(edge.clock, 16 * MINUTE, STEP, coolerAt(9));
    const open = (await coolerTickets(edge.api)).filter((t) => t.status === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'open', repeat: true, previousTicketId: first!.id });
    expect(open[0]!.id).not.toBe(first!.id);
  });

  it('a fault returning before verification reopens the resolved ticket instead of opening another', async () => {
    await runStoreTime(edge.clock, 16 * MINUTE, STEP, coolerAt(8));
    await runStoreTime(edge.clock, 6 * MINUTE, STEP, coolerAt(3));
    const [ticket] = await coolerTickets(edge.api);
    await repair(ticket!.id);
    await runStoreTime(edge.clock, 20 * MINUTE, STEP, coolerAt(3));

    await runStoreTime(edge.clock, 16 * MINUTE, STEP, coolerAt(8));
    const tickets = await coolerTickets(edge.api);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ id: ticket!.id, status: 'open', reopenCount: 1, repeat: false });
    expect(tickets[0]!.alarmIds).toHaveLength(2);

    // Even an hour of normal telemetry later it stays open: only a new repair can be verified.
    await runStoreTime(edge.clock, 6 * MINUTE, STEP, coolerAt(3));
    await runStoreTime(edge.clock, 61 * MINUTE, STEP, coolerAt(3));
    expect((await coolerTickets(edge.api))[0]?.status).toBe('open');
  });
});

describe('equipment going away', () => {
  it('Last Will raises the offline alarm at once; a long absence opens a ticket; reconnecting clears it', async () => {
    await cooler.telemetry({ temp_c: 3 });
    cooler.client.stream.destroy();
    const offline = await eventually(() => activeAlarm('offline'));
    expect(offline).toMatchObject({ severity: 'warning', ruleKind: 'offline', state: 'active_unacked' });
    expect(offline.raisedAt, 'the Last Will, not 30 s of silence').toBeLessThan(edge.clock.now() + 1);

    // Warning severity: a ticket once it has lasted 15 minutes.
    edge.clock.advance(14 * MINUTE);
    const offlineTickets = async () =>
      (await edge.api.tickets()).filter((t) => t.equipmentId === 'wic-1' && t.fault === 'offline');
    expect(await offlineTickets()).toEqual([]);
    edge.clock.advance(2 * MINUTE);
    const [ticket] = await offlineTickets();
    expect(ticket).toMatchObject({
      equipmentId: 'wic-1',
      source: 'auto',
      status: 'open',
      alarmIds: [offline.id],
    });

    const back = await edge.device('wic-1');
    await back.telemetry({ temp_c: 3 });
    await eventually(async () => ((await activeAlarm('offline')) ? undefined : true));
    const [cleared] = (await edge.api.alarms()).filter(
      (a) => a.equipmentId === 'wic-1' && a.rule === 'offline',
    );
    expect(cleared).toMatchObject({ id: offline.id, state: 'cleared_unacked' });
  });

  it('silence for 3 report intervals raises offline without any Last Will', async () => {
    await cooler.telemetry({ temp_c: 3 });
    edge.clock.advance(25 * SECOND);
    expect(await activeAlarm('offline')).toBeUndefined();
    edge.clock.advance(10 * SECOND);
    expect(await activeAlarm('offline')).toMatchObject({ ruleKind: 'offline' });
    await cooler.telemetry({ temp_c: 3 });
    expect(await activeAlarm('offline')).toBeUndefined();
  });
});

describe('manual repair reports', () => {
  it('POST /api/tickets opens a manual ticket; the same problem again joins it; unknown equipment is 404', async () => {
    const report = { equipmentId: 'oven-1', fault: 'door will not latch', category: 'door_or_seal' };
    const first = await edge.api.request<TicketView>('POST', '/api/tickets', {
      ...report,
      note: 'since lunch',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      source: 'manual',
      status: 'open',
      fault: 'door will not latch',
      category: 'door_or_seal',
      note: 'since lunch',
      openedBy: 'admin',
      snapshot: null,
    });
    const again = await edge.api.request<TicketView>('POST', '/api/tickets', report);
    expect(again.body.id).toBe(first.body.id);
    const listed = await edge.api.tickets('status=open');
    expect(listed.map((t) => t.id)).toEqual([first.body.id]);

    const unknown = await edge.api.request('POST', '/api/tickets', { ...report, equipmentId: 'oven-9' });
    expect(unknown.status).toBe(404);
    const noAuth = await fetch(`${edge.api.base}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    expect(noAuth.status).toBe(401);
  });

  it('?equipmentId= filters before the limit: newer tickets of other equipment do not hide them', async () => {
    const report = (equipmentId: string, fault: string) =>
      edge.api.ok<TicketView>('POST', '/api/tickets', { equipmentId, fault });
    const mine = await report('wic-1', 'door gasket torn');
    for (const fault of ['knob missing', 'light out', 'fan noisy']) await report('oven-1', fault);
    const listed = await edge.api.tickets('status=open&equipmentId=wic-1&limit=2');
    expect(listed.map((t) => t.id)).toEqual([mine.id]);

    await cooler.telemetry({ temp_c: 3 });
    edge.clock.advance(35 * SECOND);
    // The newest alarm is the oven's fault code; the cooler's offline one comes before it.
    await (await edge.device('oven-1')).event('E24');
    const alarms = await edge.api.alarms('state=all&equipmentId=wic-1&limit=1');
    expect(alarms.map((a) => [a.equipmentId, a.rule])).toEqual([['wic-1', 'offline']]);
  });

  it('a critical maker fault code from the event topic opens a ticket at once', async () => {
    const oven = await edge.device('oven-1');
    await oven.event('E34', 'steam generator over temperature');
    const alarm = await activeAlarm('maker_fault:E34', 'oven-1');
    expect(alarm).toMatchObject({ severity: 'critical', raisedValue: 'E34' });
    const [ticket] = (await edge.api.tickets()).filter((t) => t.equipmentId === 'oven-1');
    expect(ticket).toMatchObject({ source: 'auto', fault: 'maker_fault:E34', alarmIds: [alarm!.id] });
  });
});
