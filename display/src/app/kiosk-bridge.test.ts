// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { GalleyKioskBridge } from '../../electron/kiosk-bridge';
import { keepKioskScreenOn, kioskBridge } from './kiosk-bridge';

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'galleyKiosk');
});

describe('kiosk bridge in the display', () => {
  it('is absent in a plain browser, and keeping the screen on is then a no-op', () => {
    expect(kioskBridge()).toBeUndefined();
    expect(() => keepKioskScreenOn()).not.toThrow();
  });

  it('asks the kiosk to keep the screen on when it runs inside it', async () => {
    const asked: boolean[] = [];
    const bridge: GalleyKioskBridge = {
      appVersion: async () => '0.1.0',
      keepScreenOn: async (on) => {
        asked.push(on);
        return on;
      },
    };
    Reflect.set(globalThis, 'galleyKiosk', bridge);
    keepKioskScreenOn();
    await Promise.resolve();
    expect(asked).toEqual([true]);
  });

  it('ignores something else under that name', () => {
    Reflect.set(globalThis, 'galleyKiosk', { keepScreenOn: 'yes' });
    expect(kioskBridge()).toBeUndefined();
  });
});
