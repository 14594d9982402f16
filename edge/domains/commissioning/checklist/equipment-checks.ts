import type { ChecklistItem, ChecklistWaiting } from '../../../../shared/api/commissioning';
import type { LatestReading } from '../../../../shared/api/equipment';
import type { StoreConfig } from '../../../../shared/config/store-config';
import { resolveControlPoints } from '../../food-safety/control-points';
import { rulesForEquipment } from '../../rules/resolve-rules';
import { ago, checklistItem } from './checklist-item';
import type { ChecklistSources } from './checklist-sources';

/** A unit is reporting while its newest reading is younger than this many report intervals (as the board's "silent"). */
const REPORT_INTERVALS = 3;

type Latest = Record<string, Record<string, LatestReading>>;

/** Every unit reporting within its interval, and every latest value within its metric's physical range. */
export function reportingCheck(config: StoreConfig, latest: Latest, now: number): ChecklistItem {
  const waiting: ChecklistWaiting[] = [];
  for (const equipment of config.equipment) {
    const profile = config.equipmentTypes[equipment.type];
    const readings = Object.entries(latest[equipment.id] ?? {});
    const newest = Math.max(...readings.map(([, r]) => r.ts));
    if (readings.length === 0) {
      waiting.push({ subject: equipment.id, reason: { en: 'no reading yet', 'zh-CN': '尚无读数' } });
      continue;
    }
    const intervalS = profile?.reportIntervalS ?? 10;
    if (now - newest > REPORT_INTERVALS * intervalS * 1000) {
      const since = ago(now - newest);
      waiting.push({
        subject: equipment.id,
        reason: {
          en: `last reading ${since.en}, expected every ${intervalS} s`,
          'zh-CN': `最后读数在${since['zh-CN']}，应每 ${intervalS} 秒上报`,
        },
      });
      continue;
    }
    for (const [metric, reading] of readings) {
      const range = profile?.metrics[metric];
      if (typeof reading.value !== 'number' || !range) continue;
      const low = range.min ?? Number.NEGATIVE_INFINITY;
      const high = range.max ?? Number.POSITIVE_INFINITY;
      if (reading.value < low || reading.value > high) {
        waiting.push({
          subject: equipment.id,
          reason: {
            en: `${metric} ${reading.value} outside its range ${range.min ?? '…'}–${range.max ?? '…'}`,
            'zh-CN': `${metric} ${reading.value} 超出范围 ${range.min ?? '…'}–${range.max ?? '…'}`,
          },
        });
        break;
      }
    }
  }
  return checklistItem(
    'reporting',
    { en: 'Every unit reporting, in range', 'zh-CN': '所有设备按时上报且读数正常' },
    { en: 'reporting', 'zh-CN': '正常上报' },
    config.equipment.length,
    waiting,
  );
}

/** Every cold control point's unit pulled down to its limit (its latest reading at or below it). */
export function coldPulldownCheck(config: StoreConfig, latest: Latest): ChecklistItem {
  const cold = resolveControlPoints(config).filter((cp) => cp.limit.bound === 'at_most');
  const waiting: ChecklistWaiting[] = [];
  const units = new Set<string>();
  for (const cp of cold) {
    units.add(cp.equipmentId);
    const reading = latest[cp.equipmentId]?.[cp.metric];
    const limit = cp.limit.tempC;
    if (typeof reading?.value === 'number' && reading.value <= limit) continue;
    if (waiting.some((w) => w.subject === cp.equipmentId)) continue;
    waiting.push({
      subject: cp.equipmentId,
      reason:
        typeof reading?.value === 'number'
          ? {
              en: `${reading.value} °C, limit ≤ ${limit} °C`,
              'zh-CN': `${reading.value} °C，限值 ≤ ${limit} °C`,
            }
          : { en: `no ${cp.metric} reading yet`, 'zh-CN': `尚无 ${cp.metric} 读数` },
    });
  }
  return checklistItem(
    'cold_pulldown',
    { en: 'Cold units pulled down to their limit', 'zh-CN': '冷藏冷冻设备降温达标' },
    { en: 'at temperature', 'zh-CN': '已达标' },
    units.size,
    waiting,
  );
}

/**
 * Food-safety control points assigned: every unit of a type the store keeps food in
 * under control (a type with any unit under a control point) has one too, so a unit
 * added by an import without its control point shows here. A store with no control
 * point at all, though its alarms guard food temperatures (a `food` rule on `temp_c`),
 * waits for its first.
 */
export function foodSafetyCheck(config: StoreConfig): ChecklistItem {
  const covered = new Set(resolveControlPoints(config).map((cp) => cp.equipmentId));
  const controlledTypes = new Set(config.equipment.filter((e) => covered.has(e.id)).map((e) => e.type));
  const holding = config.equipment.filter((e) => controlledTypes.has(e.type));
  const waiting = holding
    .filter((e) => !covered.has(e.id))
    .map(
      (e): ChecklistWaiting => ({
        subject: e.id,
        reason: {
          en: `no food-safety control point, unlike the other ${e.type} (foodSafety.controlPoints)`,
          'zh-CN': `未设置食品安全控制点，而其他 ${e.type} 已设置（foodSafety.controlPoints）`,
        },
      }),
    );
  const guardsFood = config.equipment.some((e) =>
    rulesForEquipment(config, e).some((r) => r.hazard === 'food' && 'metric' in r && r.metric === 'temp_c'),
  );
  if (covered.size === 0 && guardsFood) {
    waiting.push({
      reason: {
        en: 'no food-safety control point at all, though alarms guard food temperatures',
        'zh-CN': '未设置任何食品安全控制点，但告警规则涉及食品温度',
      },
    });
  }
  return checklistItem(
    'food_safety',
    { en: 'Food-safety control points assigned', 'zh-CN': '已分配食品安全控制点' },
    { en: 'assigned', 'zh-CN': '已分配' },
    holding.length + (covered.size === 0 && guardsFood ? 1 : 0),
    waiting,
  );
}

/**
 * One alarm per unit raised and seen at central. The outbox sends in order, so an
 * alarm has reached central once a push succeeded after it was raised and nothing
 * older than it is still waiting.
 */
export function testAlarmsCheck(
  config: StoreConfig,
  alarms: ChecklistSources['alarms'],
  sync: ChecklistSources['sync'],
  now: number,
): ChecklistItem {
  const health = sync();
  const oldestWaiting =
    health?.lagMs === null || health?.lagMs === undefined ? undefined : now - health.lagMs;
  const seenAtCentral = (raisedAt: number) =>
    health?.enabled === true &&
    health.lastSuccessAt !== null &&
    health.lastSuccessAt >= raisedAt &&
    (oldestWaiting === undefined || oldestWaiting > raisedAt);
  const waiting: ChecklistWaiting[] = [];
  for (const equipment of config.equipment) {
    const raised = alarms.list({ state: 'all', equipmentId: equipment.id, limit: 50 });
    if (raised.some((a) => seenAtCentral(a.raisedAt))) continue;
    waiting.push({
      subject: equipment.id,
      reason:
        raised.length === 0
          ? { en: 'no test alarm raised yet', 'zh-CN': '尚未触发测试告警' }
          : health?.enabled
            ? { en: 'test alarm raised, not yet seen at central', 'zh-CN': '已触发测试告警，总部尚未收到' }
            : { en: 'test alarm raised; sync to central is off', 'zh-CN': '已触发测试告警；未启用总部同步' },
    });
  }
  return checklistItem(
    'test_alarms',
    { en: 'A test alarm per unit, seen at central', 'zh-CN': '每台设备的测试告警已送达总部' },
    { en: 'seen at central', 'zh-CN': '总部已收到' },
    config.equipment.length,
    waiting,
  );
}
