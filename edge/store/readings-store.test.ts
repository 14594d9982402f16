import { afterEach, describe, expect, it } from 'vitest';
import { demoConfig, tempDatabase } from '../ingest/testing/ingest-fixture';
import { DeviceEventsStore } from './device-events-store';
import { DeviceStatusStore } from './device-status-store';
import { ReadingKeys, ReadingsStore } from './readings-store';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function fresh() {
  const tmp = tempDatabase();
  cleanups.push(tmp.cleanup);
  return tmp;
}

describe('ReadingsStore', () => {
  it('returns raw readings in [from, to), oldest first, and honours a limit', () => {
    const { db } = fresh();
    const store = new ReadingsStore(db, demoConfig());
    db.transaction(() => {
      for (const ts of [300, 100, 200, 400])
        store.write('wic-1', ts, { temp_c: ts / 100, door_open: ts === 200 });
    })();
    expect(store.raw('wic-1', 'temp_c', 100, 400)).toEqual([
      { ts: 100, value: 1 },
      { ts: 200, value: 2 },
      { ts: 300, value: 3 },
    ]);
    expect(store.raw('wic-1', 'door_open', 150, 250)).toEqual([{ ts: 200, value: true }]);
    expect(store.raw('wic-1', 'temp_c', 0, 1000, 2)).toHaveLength(2);
    expect(store.raw('fryer-1', 'temp_c', 0, 1000)).toEqual([]);
  });

  it('keeps the newest reading as latest even when older data arrives afterwards', () => {
    const { db } = fresh();
    const store = new ReadingsStore(db, demoConfig());
    store.write('wic-1', 2000, { temp_c: 4, door_open: false });
    store.write('wic-1', 1000, { temp_c: 9, door_open: true }); // offline buffer flushed late
    store.write('fryer-1', 1500, { oil_temp_c: 175 });
    expect(store.latest('wic-1')).toEqual({
      temp_c: { ts: 2000, value: 4 },
      door_open: { ts: 2000, value: false },
    });
    expect(store.latestAll()).toEqual({
      'wic-1': { temp_c: { ts: 2000, value: 4 }, door_open: { ts: 2000, value: false } },
      'fryer-1': { oil_temp_c: { ts: 1500, value: 175 } },
    });
    expect(store.write('wic-1', 2000, { temp_c: 5 })).toEqual({});
    expect(store.latest('wic-1').temp_c?.value).toBe(4);
  });
});

describe('DeviceStatusStore', () => {
  it('tracks online changes and last sight separately', () => {
    const { db } = fresh();
    const status = new DeviceStatusStore(db);
    expect(status.get('wic-1')).toBeUndefined();
    expect(status.setOnline('wic-1', true, 100)).toBe(true);
    expect(status.setOnline('wic-1', true, 200)).toBe(false);
    status.touch('wic-1', 300);
    status.touch('wic-1', 250);
    expect(status.setOnline('wic-1', false, 400)).toBe(true);
    status.touch('fryer-1', 500);
    expect(status.all()).toEqual([
      { equipmentId: 'fryer-1', online: true, changedAt: 500, lastSeen: 500, cause: null },
      { equipmentId: 'wic-1', online: false, changedAt: 400, lastSeen: 300, cause: null },
    ]);
  });
});

describe('DeviceEventsStore', () => {
  it('stores an event once and lists newest first within a range', () => {
    const { db } = fresh();
    const events = new DeviceEventsStore(db);
    expect(events.insert({ equipmentId: 'dish-1', ts: 10, receivedAt: 11, code: 'E1' })).toBe(true);
    expect(events.insert({ equipmentId: 'dish-1', ts: 10, receivedAt: 12, code: 'E1' })).toBe(false);
    events.insert({ equipmentId: 'dish-1', ts: 20, receivedAt: 21, code: 'E2', message: 'rinse heater' });
    events.insert({ equipmentId: 'fryer-1', ts: 15, receivedAt: 16, code: 'F9' });
    expect(events.list({ equipmentId: 'dish-1' }).map((e) => [e.code, e.message])).toEqual([
      ['E2', 'rinse heater'],
      ['E1', null],
    ]);
    expect(events.list({ from: 12, to: 20 }).map((e) => e.code)).toEqual(['F9']);
    expect(events.list({ limit: 1 })).toHaveLength(1);
  });
});

describe('ReadingKeys', () => {
  it('lists every (equipment, metric) with raw readings once, on a table without a ts index', () => {
    const { db } = fresh();
    const store = new ReadingsStore(db, demoConfig());
    db.transaction(() => {
      for (let ts = 1; ts <= 50; ts++) store.write('wic-1', ts, { temp_c: 3, door_open: false });
      store.write('fryer-1', 7, { oil_temp_c: 180 });
    })();
    expect(new ReadingKeys(db).all()).toEqual([
      { equipmentId: 'fryer-1', metric: 'oil_temp_c' },
      { equipmentId: 'wic-1', metric: 'door_open' },
      { equipmentId: 'wic-1', metric: 'temp_c' },
    ]);
    // Only the primary key: no second B-tree for ingest to keep up.
    const indexes = db.pragma('index_list(series_readings)') as { origin: string }[];
    expect(indexes.filter((i) => i.origin !== 'pk')).toEqual([]);
  });

  it('leaves out a series whose readings retention has deleted', () => {
    const { db } = fresh();
    const store = new ReadingsStore(db, demoConfig());
    store.write('wic-1', 1, { temp_c: 3 });
    store.write('fryer-1', 1, { oil_temp_c: 180 });
    db.exec(
      "DELETE FROM series_readings WHERE series_id = (SELECT id FROM series WHERE equipment_id = 'fryer-1')",
    );
    expect(new ReadingKeys(db).all()).toEqual([{ equipmentId: 'wic-1', metric: 'temp_c' }]);
  });
});

describe('series ids', () => {
  it('does not remember a series created in a transaction that rolled back', () => {
    const { db } = fresh();
    const store = new ReadingsStore(db, demoConfig());
    expect(() =>
      db.transaction(() => {
        store.write('wic-1', 100, { temp_c: 3 });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    // Another series now takes the id the rolled-back one had.
    store.write('wic-1', 100, { door_open: true });
    store.write('wic-1', 200, { temp_c: 4 });
    expect(store.raw('wic-1', 'temp_c', 0, 1000)).toEqual([{ ts: 200, value: 4 }]);
    expect(store.raw('wic-1', 'door_open', 0, 1000)).toEqual([{ ts: 100, value: true }]);
  });

  it('accepts rows inserted through the readings view, as tools and old queries write them', () => {
    const { db } = fresh();
    const store = new ReadingsStore(db, demoConfig());
    const insert = db.prepare('INSERT INTO readings (equipment_id, metric, ts, value) VALUES (?, ?, ?, ?)');
    insert.run('wic-1', 'temp_c', 100, 3);
    insert.run('wic-1', 'temp_c', 100, 9); // same key: ignored, as a redelivery is
    store.write('wic-1', 200, { temp_c: 4 });
    expect(store.raw('wic-1', 'temp_c', 0, 1000)).toEqual([
      { ts: 100, value: 3 },
      { ts: 200, value: 4 },
    ]);
  });
});
