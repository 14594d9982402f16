import { afterEach, describe, expect, it } from 'vitest';
import { DeviceCredentials } from '../edge/store/credentials-store';
import { DeviceStatusStore } from '../edge/store/device-status-store';
import { DeviceClient } from '../firmware-sim/device-client';
import type { EquipmentView } from '../shared/api/equipment';
import { silentLogger } from '../shared/server/runtime/logger';
import { coolersOnlyStore, type FaultEdge, startFaultEdge } from './testing/faults-kit';

/**
 * A planned stop is not a fault (contract: `{"online": false, "reason": "shutdown"}`),
 * while a lost link still is; the simulator's own device client speaks to the whole
 * edge in-process, on a clock that can jump hours ahead.
 */
const HOUR = 3_600_000;
const COOLERS = ['wic-1', 'wic-2'];

let edge: FaultEdge | undefined;
const clients: DeviceClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  await edge?.stop();
  edge = undefined;
});

/** Two coolers with the offline rule on (the kit turns it off), the demo's flap debounce kept. */
async function start(): Promise<FaultEdge> {
  edge = await startFaultEdge(
    coolersOnlyStore(COOLERS.length, (c) => ({
      ...c,
      equipment: c.equipment.map((e) => ({ ...e, disableRules: [] })),
    })),
  );
  return edge;
}

function secretsOf(running: FaultEdge): Map<string, string> {
  const credentials = new DeviceCredentials({ db: running.app.database, clock: running.clock });
  return new Map(COOLERS.map((id) => [id, credentials.add(id)]));
}

/** One simulator run: a device client per cooler, connected and reporting once. */
async function simulator(running: FaultEdge, secrets: Map<string, string>): Promise<DeviceClient[]> {
  const run = COOLERS.map(
    (equipmentId) =>
      new DeviceClient({
        url: `mqtt://127.0.0.1:${running.mqttPort}`,
        storeId: running.storeId,
        equipmentId,
        secret: secrets.get(equipmentId) ?? '',
        logger: silentLogger(),
        backoff: { initialMs: 20, maxMs: 100 },
      }),
  );
  clients.push(...run);
  for (const client of run) client.start();
  await eventually(() => run.every((c) => c.stats().connected), 'devices connected');
  for (const client of run) client.publish('telemetry', { ts: running.clock.now(), readings: { temp_c: 3 } });
  await eventually(() => run.every((c) => c.stats().acked >= 1), 'telemetry acknowledged');
  await eventually(() => COOLERS.every((id) => status(running, id)?.online === true), 'recorded online');
  return run;
}

function status(running: FaultEdge, equipmentId: string) {
  return new DeviceStatusStore(running.app.database).get(equipmentId);
}

interface AlarmRow {
  equipment_id: string;
  cleared_at: number | null;
  raise_count: number;
}

function offlineAlarms(running: FaultEdge): AlarmRow[] {
  return running.app.database
    .prepare(
      "SELECT equipment_id, cleared_at, raise_count FROM alarms WHERE rule_kind = 'offline' ORDER BY id",
    )
    .all() as AlarmRow[];
}

function statusEvents(running: FaultEdge, equipmentId: string): { online: boolean; cause: string | null }[] {
  const rows = running.app.database
    .prepare("SELECT payload FROM outbox WHERE type = 'device.status' AND entity_id = ? ORDER BY seq")
    .all(equipmentId) as { payload: string }[];
  return rows.map((r) => {
    const { online, cause } = JSON.parse(r.payload) as { online: boolean; cause: string | null };
    return { online, cause };
  });
}

async function board(running: FaultEdge): Promise<Map<string, EquipmentView>> {
  const { body } = await running.api.request<EquipmentView[]>('GET', '/api/equipment');
  return new Map(body.map((e) => [e.id, e]));
}

async function eventually(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a planned stop is not a fault', () => {
  it('a device that says it is shutting down raises no offline alarm, even hours later; its Will still does', async () => {
    const running = await start();
    const [switchedOff, lost] = await simulator(running, secretsOf(running));
    if (!switchedOff || !lost) throw new Error('two devices expected');

    await switchedOff.stop(); // publishes {"online":false,"reason":"shutdown"}, then DISCONNECT
    lost.loseNetwork(); // the socket dies: the broker publishes its Will {"online":false}
    await eventually(() => offlineAlarms(running).length === 1, 'the Will raised its alarm');
    await eventually(() => status(running, 'wic-1')?.online === false, 'wic-1 recorded offline');

    // Long past the silence limit: the switched-off cooler is still not "not reporting".
    running.clock.advance(6 * HOUR);
    await new Promise((r) => setTimeout(r, 100));
    expect(offlineAlarms(running)).toEqual([{ equipment_id: 'wic-2', cleared_at: null, raise_count: 1 }]);

    expect(status(running, 'wic-1')).toMatchObject({ online: false, cause: 'shutdown' });
    expect(status(running, 'wic-2')).toMatchObject({ online: false, cause: 'last_will' });
    const views = await board(running);
    expect(views.get('wic-1')).toMatchObject({ online: false, state: 'offline', offlineCause: 'shutdown' });
    expect(views.get('wic-2')).toMatchObject({ online: false, state: 'offline', offlineCause: 'last_will' });
    // Central hears why, and hears of the shutdown once: the disconnect after it is no news.
    expect(statusEvents(running, 'wic-1').filter((e) => !e.online)).toEqual([
      { online: false, cause: 'shutdown' },
    ]);
    expect(statusEvents(running, 'wic-2').at(-1)).toEqual({ online: false, cause: 'last_will' });
  });

  it('a restarted simulator is back online at once, again and again, with no alarm raised or piling up', async () => {
    const running = await start();
    const secrets = secretsOf(running);
    for (let run = 0; run < 3; run++) {
      const devices = await simulator(running, secrets);
      await Promise.all(devices.map((d) => d.stop()));
      await eventually(() => COOLERS.every((id) => status(running, id)?.online === false), 'stopped');
    }
    // Back within the flap window (30 s; this clock is never advanced): a return held as a
    // flap would wait for a settle timer that never fires, so `simulator` would time out.
    await simulator(running, secrets);
    expect(offlineAlarms(running)).toEqual([]);
    const views = await board(running);
    for (const id of COOLERS) expect(views.get(id)).toMatchObject({ online: true, state: 'ok' });
    expect(views.get('wic-1')?.offlineCause).toBeUndefined();
  });

  it('the edge stopping on purpose records none of its devices as gone', async () => {
    const running = await start();
    await simulator(running, secretsOf(running));
    const before = COOLERS.map((id) => statusEvents(running, id).length);

    await running.restart(); // the devices stay connected while the edge closes their connections
    expect(COOLERS.map((id) => status(running, id)?.online)).toEqual([true, true]);
    expect(COOLERS.map((id) => statusEvents(running, id).length)).toEqual(before);
    expect(offlineAlarms(running)).toEqual([]);
  });
});
