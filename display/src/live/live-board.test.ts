import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EquipmentView } from '../../../shared/api/equipment';
import { topics } from '../../../shared/topics';
import { equipmentView } from '../testing/equipment-fixtures';
import { LiveBoard } from './live-board';
import type { MqttPushOptions } from './mqtt-push';

const STORE = 'demo-sh-001';
const T0 = Date.UTC(2026, 0, 5, 4, 30);
const DEVICES = Array.from({ length: 20 }, (_, i) => `eq-${i + 1}`);
const PAIRED = { get: () => ({ credential: 'c', id: 'd', name: 'Pass' }), subscribe: () => () => undefined };

/** The edge's HTTP side as the board sees it: answers from `equipment`, every request logged. */
class FakeEdge {
  equipment: EquipmentView[] = DEVICES.map((id) =>
    equipmentView({ id, lastSeen: T0, readings: { temp_c: { value: 3, ts: T0 } } }),
  );
  readonly requests: string[] = [];
  /** while set, `/api/equipment` answers only when this settles (with the list as it was asked for) */
  hold: Promise<void> | undefined;

  readonly fetch = async (input: string | URL | Request): Promise<Response> => {
    const path = String(input);
    this.requests.push(path);
    const body = this.#answer(path.split('?')[0] ?? '');
    if (path === '/api/equipment' && this.hold) await this.hold;
    return new Response(JSON.stringify(body), { status: 200 });
  };

  #answer(path: string): unknown {
    if (path === '/api/store') return { id: STORE, name: 'Demo', region: 'east', timezone: 'UTC', users: [] };
    if (path === '/api/equipment') return this.equipment;
    if (path.startsWith('/api/equipment/')) return [];
    return [];
  }

  /** what the board asked for, sparklines left out */
  since(count: number): string[] {
    return this.requests.slice(count).filter((p) => !p.includes('/readings'));
  }
}

let edge: FakeEdge;
let push: MqttPushOptions | undefined;
let board: LiveBoard;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  edge = new FakeEdge();
  vi.stubGlobal('fetch', edge.fetch);
  push = undefined;
  board = new LiveBoard({
    now: () => Date.now(),
    mqttUrl: 'ws://edge/mqtt',
    pairing: PAIRED,
    connectPush: (options) => {
      push = options;
      return { start: () => options.onConnectedChange(true), stop: () => undefined };
    },
  });
});

afterEach(() => {
  board.stop();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function publish(topic: string, value: unknown): void {
  if (!push) throw new Error('push not connected');
  push.onMessage(topic, bytes(value));
}

/** Started, first refresh done, push live, and the first (fast) poll behind it. */
async function started(): Promise<void> {
  board.start();
  await vi.advanceTimersByTimeAsync(1100);
  expect(board.getSnapshot().pushing).toBe(true);
}

function tempOf(id: string): number | boolean | undefined {
  return board.getSnapshot().equipment.find((e) => e.id === id)?.readings.temp_c?.value;
}

describe('LiveBoard with push', () => {
  it('applies telemetry from 20 devices without asking the edge: only the safety poll runs', async () => {
    await started();
    const quiet = edge.requests.length;
    await vi.advanceTimersByTimeAsync(10_000);
    const pollOnly = edge.since(quiet).length;

    const busy = edge.requests.length;
    let sent = 0;
    for (let tick = 1; tick <= 40; tick++) {
      // 20 devices, 4 readings a second each, for 10 seconds.
      for (const id of DEVICES)
        publish(topics.telemetry(STORE, id), { ts: Date.now(), readings: { temp_c: 3 + tick / 10 } });
      sent += DEVICES.length;
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(sent).toBe(800);
    expect(edge.since(busy)).toHaveLength(pollOnly);
    expect(pollOnly).toBe(6); // two safety polls, three parts each
    await vi.advanceTimersByTimeAsync(250);
    for (const id of DEVICES) expect(tempOf(id)).toBe(7);
  });

  it('shows a reading within a quarter second, and ignores one the contract refuses', async () => {
    await started();
    publish(topics.telemetry(STORE, 'eq-3'), { ts: Date.now(), readings: { temp_c: 4.5 } });
    publish(topics.telemetry(STORE, 'eq-4'), { ts: Date.now(), readings: { temp_c: '4.5' } });
    publish(topics.telemetry(STORE, 'eq-5'), { readings: { temp_c: 4.5 } });
    await vi.advanceTimersByTimeAsync(250);
    expect(tempOf('eq-3')).toBe(4.5);
    expect(tempOf('eq-4')).toBe(3);
    expect(tempOf('eq-5')).toBe(3);
    expect(board.getSnapshot().equipment.find((e) => e.id === 'eq-3')?.lastSeen).toBe(Date.now() - 250);
  });

  it('refetches the equipment once for a burst of statuses (a reconnect replays them all)', async () => {
    await started();
    const before = edge.requests.length;
    for (const id of DEVICES) publish(topics.status(STORE, id), { online: true });
    await vi.advanceTimersByTimeAsync(200);
    expect(edge.since(before)).toEqual(['/api/equipment']);
  });

  it('refetches equipment, alarms and tickets once when the edge announces alarm changes', async () => {
    await started();
    const before = edge.requests.length;
    publish(topics.edge(STORE, 'alarms', 'eq-1'), { equipmentId: 'eq-1' });
    publish(topics.edge(STORE, 'alarms', 'eq-2'), { equipmentId: 'eq-2' });
    await vi.advanceTimersByTimeAsync(200);
    expect(edge.since(before).sort()).toEqual([
      '/api/alarms?state=open',
      '/api/equipment',
      '/api/tickets?status=open',
    ]);
  });

  it('keeps a reading pushed while an older equipment list was on its way', async () => {
    await started();
    let release: () => void = () => undefined;
    edge.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    publish(topics.status(STORE, 'eq-1'), { online: true });
    await vi.advanceTimersByTimeAsync(150);
    // The list is built (temp 3) before this reading reaches the board.
    publish(topics.telemetry(STORE, 'eq-1'), { ts: Date.now(), readings: { temp_c: 5.5 } });
    await vi.advanceTimersByTimeAsync(250);
    expect(tempOf('eq-1')).toBe(5.5);
    edge.hold = undefined;
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(tempOf('eq-1')).toBe(5.5);
  });

  it('asks the edge once about equipment shown offline that starts reporting', async () => {
    edge.equipment = [equipmentView({ id: 'ice-1', online: false, state: 'unknown' })];
    await started();
    const before = edge.requests.length;
    for (let i = 0; i < 8; i++) {
      publish(topics.telemetry(STORE, 'ice-1'), { ts: Date.now(), readings: { temp_c: 9 + i / 10 } });
      await vi.advanceTimersByTimeAsync(250);
    }
    // The edge still says offline (say, by its status): the board does not ask again per reading.
    expect(edge.since(before)).toEqual(['/api/equipment']);
    expect(tempOf('ice-1')).toBe(9.7);
  });

  it('falls back to the fast poll the moment push goes down', async () => {
    await started();
    const before = edge.requests.length;
    push?.onConnectedChange(false);
    await vi.advanceTimersByTimeAsync(3100);
    expect(edge.since(before)).toHaveLength(9); // every second, three parts each
  });
});
