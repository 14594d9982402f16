import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_CHANNELS, KioskIpc, KioskIpcError } from './kiosk-ipc';
import { FakeElectron } from './testing/fake-electron';

const EDGE = 'http://127.0.0.1:8080';
const running: KioskIpc[] = [];
afterEach(() => {
  for (const ipc of running.splice(0)) ipc.stop();
});

function setUp() {
  const electron = new FakeElectron();
  const logs: { msg: string; code?: string }[] = [];
  const ipc = new KioskIpc({ electron, edgeOrigin: EDGE, log: (e) => logs.push(e) });
  ipc.start();
  running.push(ipc);
  return { electron, ipc, logs };
}

describe('KioskIpc', () => {
  it('tells the display the app version', async () => {
    const { electron } = setUp();
    expect(await electron.invoke(KIOSK_CHANNELS.appVersion, `${EDGE}/`)).toBe('0.1.0');
  });

  it('keeps the screen on with one display-sleep blocker, however often asked, and lets it go', async () => {
    const { electron, ipc } = setUp();
    expect(await electron.invoke(KIOSK_CHANNELS.keepScreenOn, `${EDGE}/`, true)).toBe(true);
    expect(await electron.invoke(KIOSK_CHANNELS.keepScreenOn, `${EDGE}/tickets`, true)).toBe(true);
    expect(electron.activeBlockers).toBe(1);
    expect(ipc.screenKeptOn).toBe(true);
    expect(await electron.invoke(KIOSK_CHANNELS.keepScreenOn, `${EDGE}/`, false)).toBe(false);
    expect(electron.activeBlockers).toBe(0);
  });

  it('refuses payloads of the wrong shape, counts and logs them, and keeps working', async () => {
    const { electron, ipc, logs } = setUp();
    for (const bad of [['yes'], [1], [], [true, 'extra'], [{ on: true }], [null]]) {
      await expect(electron.invoke(KIOSK_CHANNELS.keepScreenOn, `${EDGE}/`, ...bad)).rejects.toBeInstanceOf(
        KioskIpcError,
      );
    }
    await expect(electron.invoke(KIOSK_CHANNELS.appVersion, `${EDGE}/`, 'x')).rejects.toMatchObject({
      code: 'bad_payload',
    });
    expect(electron.activeBlockers).toBe(0);
    expect(ipc.refusedCount(KIOSK_CHANNELS.keepScreenOn)).toBe(6);
    expect(logs.filter((l) => l.code === 'bad_payload')).toHaveLength(7);
    expect(await electron.invoke(KIOSK_CHANNELS.keepScreenOn, `${EDGE}/`, true)).toBe(true);
  });

  it('answers only pages of the edge origin', async () => {
    const { electron } = setUp();
    for (const from of [
      'https://example.com/',
      'file:///opt/galley/offline.html',
      'http://127.0.0.1:8081/',
      '',
    ]) {
      await expect(electron.invoke(KIOSK_CHANNELS.keepScreenOn, from, true)).rejects.toMatchObject({
        code: 'foreign_sender',
      });
    }
    expect(electron.activeBlockers).toBe(0);
  });

  it('stop removes the handlers and releases the blocker', async () => {
    const { electron, ipc } = setUp();
    await electron.invoke(KIOSK_CHANNELS.keepScreenOn, `${EDGE}/`, true);
    ipc.stop();
    expect(electron.activeBlockers).toBe(0);
    await expect(electron.invoke(KIOSK_CHANNELS.appVersion, `${EDGE}/`)).rejects.toThrow(/No handler/);
    ipc.start();
    expect(await electron.invoke(KIOSK_CHANNELS.appVersion, `${EDGE}/`)).toBe('0.1.0');
  });
});
