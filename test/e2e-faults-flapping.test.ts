import { afterEach, expect, it } from 'vitest';
import type { TicketView } from '../shared/api/tickets';
import { topics } from '../shared/topics';
import { coolersOnlyStore, type Device, type FaultEdge, startFaultEdge } from './testing/faults-kit';

const COOLERS = 50;
const MINUTE = 60_000;

let edge: FaultEdge | undefined;
afterEach(async () => {
  await edge?.stop();
});

/** Every device flips warm/cold `flips` times, all at once and unsynchronised. */
async function flap(devices: Device[], flips: number, round: number): Promise<void> {
  await Promise.all(
    devices.map(async (device, i) => {
      for (let f = 0; f < flips; f++) {
        const warm = (f + i + round) % 2 === 0;
        // QoS 0 and 1 mixed: QoS 0 does not wait for the commit, so publishes pile up in one group commit.
        const payload = JSON.stringify({ ts: device.clock.now(), readings: { temp_c: warm ? 8 : 2 } });
        await device.client.publishAsync(
          `galley/${device.storeId}/${device.equipmentId}/telemetry`,
          payload,
          {
            qos: f % 3 === 0 ? 0 : 1,
          },
        );
      }
      await device.telemetry({ temp_c: 2 });
    }),
  );
}

it(`${COOLERS} coolers flapping concurrently over MQTT never get a duplicate ticket`, async () => {
  edge = await startFaultEdge(coolersOnlyStore(COOLERS));
  const { app, api, clock } = edge;
  const devices: Device[] = [];
  for (let i = 1; i <= COOLERS; i++) devices.push(await edge.device(`wic-${i}`));

  const rounds = 4;
  for (let round = 0; round < rounds; round++) {
    await flap(devices, 12, round);
    if (round === 1) {
      // Half the tickets get repaired between bursts: their next flap must reopen them, not open twins.
      const open = (await api.tickets('status=open&limit=1000')).filter((t) => t.fault === 'temp_high');
      await Promise.all(
        open
          .filter((t) => Number(t.equipmentId.slice(4)) % 2 === 0)
          .map(async (t) => {
            const path = `/api/tickets/${t.id}/transitions`;
            await api.ok('POST', path, { to: 'acknowledged' });
            await api.ok('POST', path, { to: 'in_progress' });
            await api.ok('POST', path, { to: 'resolved', resolutionCode: 'adjusted' });
          }),
      );
    }
    // Past the flap window: the next burst raises new alarms rather than re-raising old ones.
    clock.advance(6 * MINUTE);
  }

  const tickets = await api.tickets('status=all&limit=1000');
  const byKey = new Map<string, TicketView[]>();
  for (const t of tickets)
    byKey.set(`${t.equipmentId}/${t.fault}`, [...(byKey.get(`${t.equipmentId}/${t.fault}`) ?? []), t]);
  const twins = [...byKey].filter(([, list]) => list.length > 1).map(([key]) => key);
  expect(twins).toEqual([]);

  const temp = tickets.filter((t) => t.fault === 'temp_high');
  expect(temp).toHaveLength(COOLERS);
  const repaired = temp.filter((t) => Number(t.equipmentId.slice(4)) % 2 === 0);
  expect(repaired.every((t) => t.status === 'open' && t.reopenCount === 1)).toBe(true);

  // Every alarm belongs to exactly one ticket and each cooler had one per burst. (The
  // "warming fast" warning of the same incident joins the cooler's ticket too.)
  const alarms = (await api.alarms('state=all&limit=1000')).filter((a) => a.rule === 'temp_high');
  expect(alarms).toHaveLength(COOLERS * rounds);
  expect(alarms.filter((a) => a.raiseCount < 2)).toEqual([]);
  const high = new Set(alarms.map((a) => a.id));
  const attached = temp
    .flatMap((t) => t.alarmIds)
    .filter((id) => high.has(id))
    .sort((a, b) => a - b);
  expect(attached).toEqual(alarms.map((a) => a.id).sort((a, b) => a - b));

  expect(app.tickets.stats.errors).toBe(0);
  expect(app.rules.stats).toMatchObject({ sinkErrors: 0, handlerErrors: 0 });
});

/** Polls until `check` holds (real time: the broker and group commit run on real timers). */
async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

it('a device reconnecting 50 times in a row over MQTT raises its offline alarm once and clears it once settled', async () => {
  // One cooler with its offline rule on (coolersOnlyStore turns it off for the telemetry tests above).
  edge = await startFaultEdge(
    coolersOnlyStore(1, (c) => ({ ...c, equipment: c.equipment.map((e) => ({ ...e, disableRules: [] })) })),
  );
  const { app, api, clock } = edge;
  const status = topics.status(edge.storeId, 'wic-1');
  const sample = (name: string): number => {
    const line = app.metrics
      .render()
      .split('\n')
      .find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };
  // What a flap can send: the unit's other news (its predictive outlook, say) is not counted here.
  const outbox = (): Record<string, number> =>
    Object.fromEntries(
      (
        app.database
          .prepare(
            "SELECT type, count(*) AS n FROM outbox WHERE json_extract(payload, '$.equipmentId') = 'wic-1' AND type IN ('device.status', 'alarm.raised', 'alarm.cleared') GROUP BY type",
          )
          .all() as { type: string; n: number }[]
      ).map((r) => [r.type, r.n]),
    );
  const offline = async () => (await api.alarms('state=all')).filter((a) => a.rule === 'offline');

  const reconnects = 50;
  for (let i = 0; i < reconnects; i++) {
    const device = await edge.device('wic-1');
    await device.client.publishAsync(status, '{"online":true}', { qos: 1, retain: true });
    await device.telemetry({ temp_c: 3 });
    // Half die without a DISCONNECT (the broker publishes the Will), half disconnect cleanly.
    if (i % 2 === 0) device.client.stream.destroy();
    else await device.client.endAsync();
    // Wait only until the edge has seen this drop, so each reconnect is a drop and a return of its own.
    if (i === 0) await until(() => outbox()['alarm.raised'] === 1, 'the first drop raising the alarm');
    else await until(() => sample('galley_device_flap_drops_total') === i, `drop ${i + 1} held`);
  }
  const device = await edge.device('wic-1');
  await device.client.publishAsync(status, '{"online":true}', { qos: 1, retain: true });
  await device.telemetry({ temp_c: 3 });

  expect((await offline()).map((a) => [a.state, a.raiseCount])).toEqual([['active_unacked', 1]]);
  expect(outbox()).toEqual({ 'device.status': 2, 'alarm.raised': 1 });

  // Connected for the settle time (30 s): online again, the alarm cleared, once.
  clock.advance(30_000);
  await until(() => outbox()['alarm.cleared'] === 1, 'the settled return clearing the alarm');
  expect((await offline()).map((a) => [a.state, a.raiseCount])).toEqual([['cleared_unacked', 1]]);
  expect(outbox()).toEqual({ 'device.status': 3, 'alarm.raised': 1, 'alarm.cleared': 1 });
  expect(sample('galley_device_flaps_total')).toBe(1);
  expect(sample('galley_device_flap_drops_total')).toBe(reconnects - 1);
  await device.telemetry({ temp_c: 3 }); // 30 s without a reading is silence on the board
  const [equipment] = await api.ok<{ id: string; online: boolean }[]>('GET', '/api/equipment');
  expect(equipment).toMatchObject({ id: 'wic-1', online: true });
});
