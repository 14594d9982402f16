import { describe, expect, it } from 'vitest';
import type { EventMessage, TelemetryMessage } from '../shared/device-messages';
import { FaultRequest } from './faults';
import { WalkInCooler } from './models/walk-in-cooler';
import { createRng } from './random';
import { SimClock } from './sim-clock';
import { type DevicePublisher, SimulatedDevice } from './simulated-device';

/** Keeps what the device would have sent, in order. */
class Outbox implements DevicePublisher {
  telemetry: TelemetryMessage[] = [];
  events: EventMessage[] = [];
  publish(kind: 'telemetry' | 'event', message: TelemetryMessage | EventMessage): void {
    if (kind === 'telemetry') this.telemetry.push(message as TelemetryMessage);
    else this.events.push(message as EventMessage);
  }
}

const START = 1_800_000_000_000;

function run(timing: { clockSkewMs: number; timestampJitterMs: number; intervalJitter: number }, seed = 1) {
  const clock = new SimClock(START);
  const model = new WalkInCooler({ rng: createRng(seed) });
  const outbox = new Outbox();
  const device = new SimulatedDevice('wic-1', model, outbox, clock, 10_000, timing, createRng(seed + 100));
  const sentAt: number[] = [];
  for (let i = 0; i < 600; i++) {
    clock.advance(1000);
    model.step(1000);
    const before = outbox.telemetry.length;
    device.tick();
    if (outbox.telemetry.length > before) sentAt.push(clock.now());
  }
  return { outbox, sentAt, model, device, clock };
}

describe('SimulatedDevice', () => {
  it('reports every interval with exact sim timestamps when there is no skew or jitter', () => {
    const { outbox, sentAt } = run({ clockSkewMs: 0, timestampJitterMs: 0, intervalJitter: 0 });
    expect(outbox.telemetry).toHaveLength(60);
    expect(outbox.telemetry.map((t) => t.ts)).toEqual(sentAt);
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] as number));
    expect(new Set(gaps)).toEqual(new Set([10_000]));
  });

  it('applies one fixed clock skew per device, plus bounded timestamp and interval jitter', () => {
    const { outbox, sentAt } = run({ clockSkewMs: 30_000, timestampJitterMs: 200, intervalJitter: 0.2 });
    const offsets = outbox.telemetry.map((t, i) => Number(t.ts) - (sentAt[i] as number));
    const mean = offsets.reduce((a, b) => a + b, 0) / offsets.length;
    expect(Math.abs(mean)).toBeGreaterThan(250); // a real skew, not just jitter
    expect(Math.abs(mean)).toBeLessThanOrEqual(30_200);
    for (const o of offsets) expect(Math.abs(o - mean)).toBeLessThanOrEqual(400);
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(8000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(13_000);
    expect(new Set(gaps).size).toBeGreaterThan(1);
  });

  it('sends maker faults as events and nothing for a disconnected-only reading set', () => {
    const clock = new SimClock(START);
    const model = new WalkInCooler({ rng: createRng(2) });
    const outbox = new Outbox();
    const device = new SimulatedDevice(
      'wic-1',
      model,
      outbox,
      clock,
      10_000,
      { clockSkewMs: 0, timestampJitterMs: 0, intervalJitter: 0 },
      createRng(3),
    );
    model.inject(
      FaultRequest.parse({ fault: 'maker_fault', params: { code: 'HP', message: 'high pressure' } }),
    );
    device.tick();
    expect(outbox.events).toEqual([{ ts: START, code: 'HP', message: 'high pressure' }]);
    model.inject(FaultRequest.parse({ fault: 'sensor_disconnected' }));
    clock.advance(20_000);
    device.tick();
    expect(outbox.telemetry.at(-1)?.readings).not.toHaveProperty('temp_c');
  });
});
