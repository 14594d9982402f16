import { afterEach, describe, expect, it } from 'vitest';
import { DeviceStatusStore } from '../store/device-status-store';
import { ReadingsStore } from '../store/readings-store';
import { BatchWriter } from './batch-writer';
import { demoConfig, tempDatabase } from './testing/ingest-fixture';
import type { WriteOp } from './write-ops';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function fresh() {
  const tmp = tempDatabase();
  cleanups.push(tmp.cleanup);
  return tmp;
}

const reading = (ts: number, temp: number, receivedAt = ts): WriteOp => ({
  kind: 'readings',
  equipmentId: 'wic-1',
  ts,
  readings: { temp_c: temp },
  receivedAt,
});

describe('BatchWriter', () => {
  it('keeps the newest reading of a batch as latest and the latest arrival as last seen', () => {
    const { db } = fresh();
    const writer = new BatchWriter(db);
    const batch = writer.commit([reading(300, 3, 1000), reading(500, 5, 900), reading(400, 4, 950)]);
    expect(batch).toEqual({
      transactions: 1,
      outcomes: [1, 2, 3].map(() => ({ kind: 'readings', inserted: ['temp_c'] })),
    });
    expect(new ReadingsStore(db, demoConfig()).latest('wic-1')).toEqual({ temp_c: { ts: 500, value: 5 } });
    expect(new DeviceStatusStore(db).get('wic-1')?.lastSeen).toBe(1000);
    // A later batch with older data leaves the latest alone.
    writer.commit([reading(100, 1, 2000)]);
    expect(new ReadingsStore(db, demoConfig()).latest('wic-1')).toEqual({ temp_c: { ts: 500, value: 5 } });
  });

  it('reports a redelivered reading as not inserted', () => {
    const { db } = fresh();
    const writer = new BatchWriter(db);
    writer.commit([reading(300, 3)]);
    expect(writer.commit([reading(300, 3), reading(301, 4)]).outcomes).toEqual([
      { kind: 'readings', inserted: [] },
      { kind: 'readings', inserted: ['temp_c'] },
    ]);
  });

  it('stores a long batch many rows per statement and still answers per row for a duplicate inside it', () => {
    const { db } = fresh();
    const writer = new BatchWriter(db);
    const ops = Array.from({ length: 150 }, (_, i) => reading(1000 + i, i));
    ops.splice(100, 0, reading(1050, 99)); // the same key twice in one batch
    const { outcomes } = writer.commit(ops);
    expect(outcomes.filter((o) => o.kind === 'readings' && o.inserted.length === 1)).toHaveLength(150);
    expect(outcomes[100]).toEqual({ kind: 'readings', inserted: [] });
    const stored = new ReadingsStore(db).raw('wic-1', 'temp_c', 0, 10_000);
    expect(stored).toHaveLength(150);
    expect(stored[50]).toEqual({ ts: 1050, value: 50 });
  });

  it('lets a first reading decide that a later "online" status in the same batch is no change', () => {
    const { db } = fresh();
    const writer = new BatchWriter(db);
    const status: WriteOp = { kind: 'status', equipmentId: 'wic-1', online: true, at: 20, cause: 'status' };
    expect(writer.commit([reading(10, 3), status]).outcomes[1]).toEqual({ kind: 'status', changed: false });
    expect(new DeviceStatusStore(db).get('wic-1')).toEqual({
      equipmentId: 'wic-1',
      online: true,
      changedAt: 10,
      lastSeen: 10,
      cause: null,
    });
  });

  it('fails only the op that cannot be stored when the shared transaction fails', () => {
    const { db } = fresh();
    const writer = new BatchWriter(db);
    db.exec(`CREATE TRIGGER refuse_200 BEFORE INSERT ON series_readings WHEN NEW.ts = 200
             BEGIN SELECT RAISE(ABORT, 'row 200 refused'); END`);
    const batch = writer.commit([reading(100, 1), reading(200, 2), reading(300, 3)]);
    expect(batch.outcomes.map((o) => o.kind)).toEqual(['readings', 'failed', 'readings']);
    expect(batch.transactions).toBe(2);
    expect(batch.batchError).toBe('row 200 refused');
    expect(new ReadingsStore(db).raw('wic-1', 'temp_c', 0, 1000).map((p) => p.ts)).toEqual([100, 300]);
  });
});
