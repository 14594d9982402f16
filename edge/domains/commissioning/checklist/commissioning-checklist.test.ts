import { afterEach, describe, expect, it } from 'vitest';
import { type ChecklistItemId, CommissioningChecklist } from '../../../../shared/api/commissioning';
import type { SyncHealth } from '../../../../shared/sync/sync-protocol';
import { type ApiFixture, bearer, createApiFixture } from '../../../api/testing/api-fixture';
import { AlarmStore } from '../../alarms/alarm-store';
import { resolveControlPoints } from '../../food-safety/control-points';
import { commissioningRoutes } from './checklist-routes';
import { CommissioningChecklistService } from './commissioning-checklist';

/** Sync as the sync service reports it (this box's central is not part of the test). */
function syncHealth(over: Partial<SyncHealth>): SyncHealth {
  return {
    enabled: true,
    centralUrl: 'http://127.0.0.1:1',
    backlog: { high: 0, low: 0 },
    lastAckedSeq: 10,
    highestSeq: 10,
    lagMs: null,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    consecutiveFailures: 0,
    droppedRollups: 0,
    configVersion: null,
    setAside: 0,
    ...over,
  };
}

describe('commissioning checklist, from live data on the box', () => {
  let f: ApiFixture;
  afterEach(async () => {
    await f.close();
  });

  it('tracks every item from the real stores until the store is ready, and serves it to technicians', async () => {
    let health: SyncHealth | undefined;
    let alarms: AlarmStore | undefined;
    const service = new CommissioningChecklistService({
      config: () => f.config,
      now: () => f.clock.now(),
      readings: { latestAll: () => f.readings.latestAll() },
      alarms: { list: (q) => alarms?.list(q.state, q.limit, q.equipmentId) ?? [] },
      displays: { list: () => f.displays.list() },
      sync: () => health,
    });
    f = await createApiFixture({ routes: commissioningRoutes({ checklist: service }) });
    alarms = new AlarmStore(f.db);
    const units = f.config.equipment.map((e) => e.id);
    const item = (id: ChecklistItemId) => {
      const found = service.checklist().items.find((i) => i.id === id);
      if (!found) throw new Error(`no item ${id}`);
      return found;
    };

    // A new box: nothing reports, no display, no central.
    const fresh = service.checklist();
    expect(fresh.complete).toBe(false);
    expect(item('reporting')).toMatchObject({ done: 0, total: units.length, complete: false });
    expect(item('reporting').waiting.map((w) => w.subject)).toEqual(units);
    expect(item('display').progress.en).toBe('0 of 1 connected, 1 waiting');
    expect(item('sync').waiting[0]?.reason.en).toBe('sync to central is not configured');
    // One user per role, none on a default PIN, managers among them.
    expect(item('users')).toMatchObject({ complete: true, total: f.config.users.length });

    // Every unit reports, in range; the cold ones pulled down except the walk-in cooler.
    const now = f.clock.now();
    const cold = resolveControlPoints(f.config).filter((cp) => cp.limit.bound === 'at_most');
    for (const equipment of f.config.equipment) {
      const profile = f.config.equipmentTypes[equipment.type];
      for (const [metric, m] of Object.entries(profile?.metrics ?? {})) {
        const limit = cold.find((cp) => cp.equipmentId === equipment.id && cp.metric === metric)?.limit.tempC;
        const value =
          m.kind === 'boolean' ? 0 : limit !== undefined ? limit - 1 : ((m.min ?? 0) + (m.max ?? 0)) / 2;
        // fryer-2 last reported 10 minutes ago: silent for a 10 s interval.
        const ts = equipment.id === 'fryer-2' ? now - 600_000 : now - 1_000;
        f.readings.setLatest(
          equipment.id,
          metric,
          ts,
          equipment.id === 'wic-1' && limit !== undefined ? limit + 3 : value,
        );
      }
    }
    const interval = f.config.equipmentTypes.fryer?.reportIntervalS;
    expect(item('reporting').waiting).toEqual([
      {
        subject: 'fryer-2',
        reason: {
          en: `last reading 10 min ago, expected every ${interval} s`,
          'zh-CN': `最后读数在10 分钟前，应每 ${interval} 秒上报`,
        },
      },
    ]);
    expect(item('reporting').progress.en).toBe(
      `${units.length - 1} of ${units.length} reporting, 1 waiting: fryer-2`,
    );
    expect(item('cold_pulldown').waiting.map((w) => [w.subject, w.reason.en])).toEqual([
      ['wic-1', '8 °C, limit ≤ 5 °C'],
    ]);
    expect(item('cold_pulldown').total).toBe(new Set(cold.map((cp) => cp.equipmentId)).size);

    // A test alarm per unit; central has taken every one but the last unit's, raised after its last push.
    const last = units[units.length - 1] ?? '';
    for (const id of units) {
      alarms.insert({
        equipmentId: id,
        ruleKey: 'test',
        ruleKind: 'threshold',
        severity: 'warning',
        title: { en: 'Test alarm', 'zh-CN': '测试告警' },
        hint: null,
        at: id === last ? now - 1_000 : now - 60_000,
        conditionSince: now - 60_000,
        hazard: 'equipment',
        value: 1,
        ruleJson: '{}',
      });
    }
    health = syncHealth({ lastSuccessAt: now - 30_000, lagMs: 1_000 });
    expect(item('test_alarms').waiting).toEqual([
      {
        subject: last,
        reason: { en: 'test alarm raised, not yet seen at central', 'zh-CN': '已触发测试告警，总部尚未收到' },
      },
    ]);
    expect(item('sync').complete).toBe(true);
    health = syncHealth({ lastSuccessAt: now, lagMs: null });
    expect(item('test_alarms').complete).toBe(true);

    // The kitchen display connects (its credential is checked, which marks it seen).
    const { credential } = f.displays.pair('Line display', 'manager-1');
    expect(f.displays.verify(credential)).toBeDefined();
    expect(item('display').complete).toBe(true);

    // Sync falling behind is seen: five minutes without a successful push.
    health = syncHealth({ lastSuccessAt: now - 6 * 60_000, consecutiveFailures: 4 });
    expect(item('sync').waiting[0]?.reason.en).toBe('last successful push 6 min ago');
    health = syncHealth({ lastSuccessAt: now });

    // fryer-2 reports again and the walk-in reaches its limit: ready to open.
    f.readings.setLatest('fryer-2', 'oil_temp_c', now, 175);
    f.readings.setLatest('wic-1', 'temp_c', now, 4);
    const ready = service.checklist();
    expect(ready.items.filter((i) => !i.complete).map((i) => [i.id, i.waiting])).toEqual([]);
    expect(ready.complete).toBe(true);

    // Over HTTP: the same, for those who read diagnostics; not for the line staff.
    const tech = await f.server.inject({
      method: 'GET',
      url: '/api/commissioning/checklist',
      headers: bearer(await f.tokenFor('technician')),
    });
    expect(tech.statusCode).toBe(200);
    const body = CommissioningChecklist.parse(tech.json());
    expect(body).toMatchObject({ storeId: f.config.store.id, complete: true });
    expect(body.items.map((i) => i.id)).toEqual([
      'reporting',
      'cold_pulldown',
      'test_alarms',
      'display',
      'sync',
      'users',
      'food_safety',
    ]);
    const staff = await f.server.inject({
      method: 'GET',
      url: '/api/commissioning/checklist',
      headers: bearer(await f.tokenFor('staff')),
    });
    expect(staff.statusCode).toBe(403);
  }, 30_000);
});
