import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistItem, CommissioningChecklist } from '../../../../shared/api/commissioning';
import { CommissioningProgress } from '../../../../shared/api/commissioning-progress';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import type { SyncHealth } from '../../../../shared/sync/sync-protocol';
import { type Database, openDatabase } from '../../../store/database';
import { ChecklistProgressJob } from './checklist-progress-job';

let dir: string;
let db: Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'galley-progress-'));
  db = openDatabase(dir);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The progress events in the outbox, oldest first, read back through the contract. */
const sent = () =>
  (
    db
      .prepare("SELECT entity_id, ts, payload FROM outbox WHERE type = 'commissioning.progress' ORDER BY seq")
      .all() as { entity_id: string; ts: number; payload: string }[]
  ).map((r) => ({ entityId: r.entity_id, ts: r.ts, ...CommissioningProgress.parse(JSON.parse(r.payload)) }));

const reporting = (silentFor: number, waiting: string[]): ChecklistItem => ({
  id: 'reporting',
  title: { en: 'Reporting', 'zh-CN': '报数' },
  complete: waiting.length === 0,
  done: 3 - waiting.length,
  total: 3,
  progress: { en: `${3 - waiting.length} of 3 reporting`, 'zh-CN': `3 台中 ${3 - waiting.length} 台在报数` },
  waiting: waiting.flatMap((subject) => [
    { subject, reason: { en: `silent for ${silentFor} min`, 'zh-CN': `已 ${silentFor} 分钟无数据` } },
    // A unit both silent and out of range is named once.
    { subject, reason: { en: 'temp_c out of range', 'zh-CN': 'temp_c 超出范围' } },
  ]),
});

describe('ChecklistProgressJob', () => {
  it('tells central when what it shows changes, not when only the ages do, and stops at the handover', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 2, 0));
    let item = reporting(4, ['fryer-2', 'wic-2']);
    let enabled = false;
    let signed = false;
    const checklist = (): CommissioningChecklist => ({
      storeId: 'sh-001',
      checkedAt: clock.now(),
      complete: item.complete,
      items: [item],
    });
    const job = new ChecklistProgressJob({
      db,
      storeId: 'sh-001',
      clock,
      logger: silentLogger(),
      checklist,
      signed: () => signed,
      sync: () => ({ enabled }) as SyncHealth,
      everyMs: 30_000,
      firstAfterMs: 5_000,
    });
    expect(job.checkOnce()).toBe('no_central');
    enabled = true;

    job.start();
    // The first read waits for the PIN hashes to be learnt off the event loop.
    clock.advance(4_999);
    expect(sent()).toEqual([]);
    clock.advance(1);
    await job.stop();
    expect(sent()).toEqual([
      {
        entityId: 'sh-001',
        ts: Date.UTC(2026, 0, 5, 2, 0, 5),
        storeId: 'sh-001',
        checkedAt: Date.UTC(2026, 0, 5, 2, 0, 5),
        complete: false,
        items: [
          {
            id: 'reporting',
            title: { en: 'Reporting', 'zh-CN': '报数' },
            complete: false,
            done: 1,
            total: 3,
            progress: { en: '1 of 3 reporting', 'zh-CN': '3 台中 1 台在报数' },
            waiting: ['fryer-2', 'wic-2'],
          },
        ],
      },
    ]);

    clock.advance(55_000);
    item = reporting(5, ['fryer-2', 'wic-2']);
    expect(job.checkOnce()).toBe('unchanged');
    item = reporting(5, ['wic-2']);
    expect(job.checkOnce()).toBe('sent');
    expect(sent().map((e) => [e.ts, e.items[0]?.done, e.items[0]?.waiting])).toEqual([
      [Date.UTC(2026, 0, 5, 2, 0, 5), 1, ['fryer-2', 'wic-2']],
      [Date.UTC(2026, 0, 5, 2, 1), 2, ['wic-2']],
    ]);

    signed = true;
    item = reporting(1, []);
    expect(job.checkOnce()).toBe('signed');
    expect(sent()).toHaveLength(2);
    expect(job.sent).toBe(2);
  });
});
