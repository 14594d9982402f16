import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KdsTicketView } from '../../../shared/api/kds';
import { KdsLive } from './kds-live';
import { type KdsPushOptions, kdsPushFilter, stationOfTopic } from './kds-push';
import { T0, ticket } from './testing/kds-fixtures';

const paired = {
  get: () => ({ credential: 'cred', id: 'd1', name: 'Pass' }),
  subscribe: () => () => undefined,
};

let asked: string[];
let open: Record<string, KdsTicketView[]>;
let push: KdsPushOptions | undefined;
let live: KdsLive | undefined;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0);
  asked = [];
  open = { grill: [ticket({ id: 1 })], expo: [] };
  push = undefined;
});

afterEach(() => {
  live?.stop();
  vi.useRealTimers();
});

function start() {
  live = new KdsLive({
    stations: ['grill', 'expo'],
    now: () => Date.now(),
    storeId: 'demo',
    mqttUrl: 'ws://edge/mqtt',
    pairing: paired,
    connectPush: (options) => {
      push = options;
      return { start: () => undefined, stop: () => undefined };
    },
    fetchTickets: async (station) => {
      asked.push(station);
      return open[station] ?? [];
    },
  });
  live.start();
  return live;
}

describe('the order screens’ live feed', () => {
  it('refetches only the station a pushed change names, once per burst, after ~50 ms', async () => {
    const feed = start();
    await vi.advanceTimersByTimeAsync(0);
    push?.onConnectedChange(true);
    await vi.advanceTimersByTimeAsync(0);
    asked = [];
    open.grill = [ticket({ id: 1 }), ticket({ id: 2 })];
    for (let i = 0; i < 5; i++) push?.onStationChanged('grill');
    push?.onStationChanged('fry'); // not shown here
    await vi.advanceTimersByTimeAsync(49);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual(['grill']);
    expect(feed.getSnapshot().tickets.grill?.map((t) => t.id)).toEqual([1, 2]);
  });

  it('polls every 5 s while push is live, every 2 s while it is down, and catches up on reconnect', async () => {
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual(['grill', 'expo']);
    asked = [];
    await vi.advanceTimersByTimeAsync(2000);
    expect(asked).toEqual(['grill', 'expo']);
    push?.onConnectedChange(true);
    await vi.advanceTimersByTimeAsync(0);
    asked = [];
    await vi.advanceTimersByTimeAsync(4999);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual(['grill', 'expo']);
  });

  it('marks itself not connected when a fetch fails, keeping what it showed', async () => {
    let down = false;
    live = new KdsLive({
      stations: ['grill'],
      now: () => Date.now(),
      fetchTickets: async () => {
        if (down) throw new Error('network');
        return [ticket({ id: 1 })];
      },
    });
    live.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(live.getSnapshot()).toMatchObject({ connected: true, refreshedAt: T0 });
    down = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(live.getSnapshot().connected).toBe(false);
    expect(live.getSnapshot().refreshedAt).toBe(T0);
    expect(live.getSnapshot().tickets.grill?.map((t) => t.id)).toEqual([1]);
  });

  it('does not connect push while the display is unpaired', async () => {
    live = new KdsLive({
      stations: ['grill'],
      now: () => Date.now(),
      storeId: 'demo',
      mqttUrl: 'ws://edge/mqtt',
      pairing: { get: () => undefined, subscribe: () => () => undefined },
      connectPush: (options) => {
        push = options;
        return { start: () => undefined, stop: () => undefined };
      },
      fetchTickets: async () => [],
    });
    live.start();
    expect(push).toBeUndefined();
  });
});

describe('the kds topic', () => {
  it('subscribes to every station’s change notice and reads the station from the topic', () => {
    expect(kdsPushFilter('demo')).toBe('galley/demo/_edge/kds/+');
    expect(stationOfTopic('demo', 'galley/demo/_edge/kds/grill')).toBe('grill');
    expect(stationOfTopic('other', 'galley/demo/_edge/kds/grill')).toBeUndefined();
    expect(stationOfTopic('demo', 'galley/demo/_edge/tickets/4')).toBeUndefined();
    expect(stationOfTopic('demo', 'galley/demo/_edge/kds/grill/x')).toBeUndefined();
  });
});
