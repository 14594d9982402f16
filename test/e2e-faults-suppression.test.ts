import { afterEach, expect, it } from 'vitest';
import { JumpClock } from './testing/faults-clock';
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

const warm = (device: Device, door_open: boolean) => [
  { device, readings: () => ({ temp_c: 8, door_open, compressor_on: true }) },
];

async function tempAlarm(e: FaultEdge) {
  return (await e.api.alarms('state=active')).find((a) => a.rule === 'temp_high');
}

it('a cooler warming with its door open is no fault until the door has been shut for 10 min, then held 15', async () => {
  edge = await startFaultEdge(coolerOnly());
  const e = edge;
  const cooler = await e.device('wic-1');
  await runStoreTime(e.clock, 30 * MINUTE, STEP, warm(cooler, true));
  expect(await tempAlarm(e), 'door open (deliveries)').toBeUndefined();

  await runStoreTime(e.clock, 24 * MINUTE, STEP, warm(cooler, false));
  expect(await tempAlarm(e), '10 min recovery + 14 min held').toBeUndefined();
  await runStoreTime(e.clock, 2 * MINUTE, STEP, warm(cooler, false));
  expect(await tempAlarm(e)).toMatchObject({ severity: 'critical', raisedValue: 8 });
});

it('warming inside the 03:00–03:30 defrost window (store time, Asia/Shanghai) counts only after it', async () => {
  // 18:55 UTC is 02:55 in Shanghai.
  edge = await startFaultEdge(coolerOnly(), new JumpClock(Date.UTC(2026, 0, 5, 18, 55)));
  const e = edge;
  const cooler = await e.device('wic-1');
  await runStoreTime(e.clock, 5 * MINUTE, STEP, warm(cooler, false));
  await runStoreTime(e.clock, 30 * MINUTE, STEP, warm(cooler, false));
  expect(await tempAlarm(e), 'defrost: 03:00–03:30').toBeUndefined();
  await runStoreTime(e.clock, 14 * MINUTE, STEP, warm(cooler, false));
  expect(await tempAlarm(e), '03:44: held 14 min since the window ended').toBeUndefined();
  await runStoreTime(e.clock, 2 * MINUTE, STEP, warm(cooler, false));
  const alarm = await tempAlarm(e);
  expect(alarm).toBeDefined();
  expect(alarm!.raisedAt - Date.UTC(2026, 0, 5, 19, 30)).toBeGreaterThanOrEqual(15 * MINUTE);
});
