import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backdateDemoMaintenance } from '../bin/commands/demo-maintenance';
import { MaintenanceService } from '../edge/domains/maintenance/maintenance-service';
import { EventBus } from '../edge/runtime/event-bus';
import { type Database, openDatabase } from '../edge/store/database';
import { WorkOrdersQuery } from '../shared/api/maintenance';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { FakeClock } from '../shared/server/runtime/fake-clock';
import { silentLogger } from '../shared/server/runtime/logger';

const config = loadStoreConfig(join(import.meta.dirname, '..', 'config', 'demo-store.yaml'));

/** The demo store's maintenance on a real SQLite file, started at `startMs` as the demo's edge would. */
function demoMaintenanceAt(startMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'galley-demo-pm-'));
  const db: Database = openDatabase(dir);
  const clock = new FakeClock(startMs);
  const pm = new MaintenanceService({
    db,
    clock,
    logger: silentLogger(),
    storeId: config.store.id,
    bus: new EventBus(),
    config,
  });
  pm.start();
  return {
    db,
    clock,
    pm,
    stop() {
      pm.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Store times in Shanghai (UTC+8): 02:00 at night, 08:30 before the 10:00 probe log, 23:00 after the fryer filter.
const HOURS = [
  ['02:00 at night', Date.UTC(2026, 5, 10, 18, 0)],
  ['08:30 in the morning', Date.UTC(2026, 5, 11, 0, 30)],
  ['23:00 at closing', Date.UTC(2026, 5, 11, 15, 0)],
] as const;

describe('the demo shows preventive maintenance (维保) and staff tasks at any hour', () => {
  let rig: ReturnType<typeof demoMaintenanceAt> | undefined;
  afterEach(() => {
    rig?.stop();
    rig = undefined;
  });

  it.each(HOURS)('at %s a fresh box has nothing due until the demo back-dates it', (_label, startMs) => {
    rig = demoMaintenanceAt(startMs);
    const open = () => rig?.pm.list(WorkOrdersQuery.parse({ status: 'open' })) ?? [];
    expect(open()).toEqual([]);

    const backdated = backdateDemoMaintenance(config, rig.db, rig.clock.now());
    rig.pm.tick();

    const orders = open();
    expect(orders.length).toBe(backdated.length);
    // Every staff task is on today's list: each daily task (3 fryer filters, the probe log) and the descale.
    const tasks = rig.pm.todayTasks();
    expect(tasks.map((t) => `${t.planId}/${t.equipmentId}`).sort()).toEqual([
      'cooler-probe-log/wic-1',
      'dishwasher-descale/dish-1',
      'fryer-filter-daily/fryer-1',
      'fryer-filter-daily/fryer-2',
      'fryer-filter-daily/fryer-3',
    ]);
    for (const task of tasks) expect(task.dueAt).toBeLessThanOrEqual(startMs);
    // One technician PM order per interval plan, overdue: the manager is told at once, central at the next check.
    const technician = () => open().filter((o) => o.assignee === 'technician');
    expect(technician().map((o) => `${o.planId}/${o.equipmentId}`)).toEqual(['cooler-coils/wic-1']);
    expect(technician()[0]?.overdue).toBe(true);
    expect(technician()[0]?.escalation).toBe('manager');
    rig.clock.advance(config.maintenance.checkIntervalS * 1000);
    expect(technician()[0]?.escalation).toBe('central');
  });

  it('leaves a restarted demo alone: what was opened once is not back-dated again', () => {
    rig = demoMaintenanceAt(HOURS[0][1]);
    backdateDemoMaintenance(config, rig.db, rig.clock.now());
    rig.pm.tick();
    const before = rig.pm.list(WorkOrdersQuery.parse({ status: 'all' })).length;
    expect(backdateDemoMaintenance(config, rig.db, rig.clock.now())).toEqual([]);
    rig.pm.tick();
    expect(rig.pm.list(WorkOrdersQuery.parse({ status: 'all' })).length).toBe(before);
  });
});
