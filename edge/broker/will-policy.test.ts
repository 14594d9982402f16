import type { PublishPacket } from 'aedes';
import { describe, expect, it } from 'vitest';
import { willRefusal } from './will-policy';

const device = { kind: 'device', name: 'wic-1', equipmentId: 'wic-1' } as const;
const will = (payload: unknown, topic = 'galley/s1/wic-1/status'): PublishPacket => ({
  cmd: 'publish',
  topic,
  payload: Buffer.from(JSON.stringify(payload)),
  qos: 1,
  retain: true,
  dup: false,
});

describe("a device's Last Will", () => {
  it('may only say the link was lost, on its own status topic', () => {
    expect(willRefusal(device, will({ online: false }), 's1')).toBeUndefined();
    expect(willRefusal(device, will({ online: true }), 's1')).toMatch(/must be \{"online": false\}/);
    expect(willRefusal(device, will({ online: false }, 'galley/s1/wic-2/status'), 's1')).toMatch(
      /goes on galley\/s1\/wic-1\/status/,
    );
  });

  it('may not claim a planned stop: that would hide every real loss', () => {
    expect(willRefusal(device, will({ online: false, reason: 'shutdown' }), 's1')).toMatch(
      /must be \{"online": false\}/,
    );
  });
});
