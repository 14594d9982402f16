import type { LatestReading } from '../../../shared/api/equipment';
import type { GoodsReceiptRequest } from '../../../shared/api/purchasing';
import type { StoreConfig } from '../../../shared/config/store-config';
import { PurchasingError } from './purchasing-errors';

/** The metric a probe's temperature is read from when its type has it (the contract's food temperature). */
const FOOD_TEMP_METRIC = 'temp_c';

/** Where a delivery temperature came from when a telemetry probe gave it. */
export interface ProbeReading {
  equipmentId: string;
  metric: string;
  tempC: number;
  /** when the probe measured it, epoch ms */
  at: number;
}

/** A receipt with every `probe` turned into the `deliveryTempC` it read, and where each came from. */
export interface ProbedReceipt {
  body: GoodsReceiptRequest;
  /** order line → the reading used */
  probes: Map<number, ProbeReading>;
}

/** What the probe rule needs of the readings: the latest value per metric of one unit. */
export interface LatestReadings {
  latest(equipmentId: string): Record<string, LatestReading>;
}

/**
 * The °C metric of the unit's type: `temp_c` when it has one, else its only °C metric. A unit
 * with several and no `temp_c` (a combi oven's cavity and core) is ambiguous: refused rather
 * than guessed.
 */
function temperatureMetric(config: StoreConfig, equipmentId: string, path: (string | number)[]): string {
  const unit = config.equipment.find((e) => e.id === equipmentId);
  if (!unit)
    throw new PurchasingError(
      'REQUEST_REFUSED',
      {
        en: `no equipment "${equipmentId}" to take the probe reading from`,
        'zh-CN': `没有设备 "${equipmentId}"，无法读取探头温度`,
      },
      path,
    );
  const metrics = Object.entries(config.equipmentTypes[unit.type]?.metrics ?? {})
    .filter(([, m]) => m.kind !== 'boolean' && m.unit === '°C')
    .map(([name]) => name);
  if (metrics.includes(FOOD_TEMP_METRIC)) return FOOD_TEMP_METRIC;
  if (metrics.length === 1 && metrics[0] !== undefined) return metrics[0];
  throw new PurchasingError(
    'REQUEST_REFUSED',
    {
      en: `equipment "${equipmentId}" (${unit.type}) has ${metrics.length ? `several temperatures (${metrics.join(', ')}) and no ${FOOD_TEMP_METRIC}` : 'no temperature metric'}: it cannot serve as a delivery probe`,
      'zh-CN': `设备 "${equipmentId}"（${unit.type}）${metrics.length ? '有多个温度读数且无 temp_c' : '没有温度读数'}：不能用作到货测温探头`,
    },
    path,
  );
}

/**
 * The delivery temperature a probe gives: the latest reading of its temperature metric, if it
 * is at most `probeMaxAgeMinutes` old at `now`. Stale or missing is refused (422, as a missing
 * temperature is) naming the probe and the age, so the receiver probes again or types the value.
 */
export function probeReading(
  config: StoreConfig,
  readings: LatestReadings,
  equipmentId: string,
  now: number,
  path: (string | number)[],
): ProbeReading {
  const metric = temperatureMetric(config, equipmentId, path);
  const maxAgeMin = config.purchasing.receiving.probeMaxAgeMinutes;
  const latest = readings.latest(equipmentId)[metric];
  if (!latest || typeof latest.value !== 'number')
    throw new PurchasingError(
      'FOOD_SAFETY_REFUSED',
      {
        en: `probe ${equipmentId} has no ${metric} reading: probe the delivery again or enter its temperature`,
        'zh-CN': `探头 ${equipmentId} 没有 ${metric} 读数：请重新测温或手工输入到货温度`,
      },
      path,
    );
  // A device clock slightly ahead reads as fresh, not as negative age.
  const ageMin = Math.max(0, now - latest.ts) / 60_000;
  if (ageMin > maxAgeMin) {
    const age = ageMin < 120 ? `${Math.floor(ageMin)} min` : `${Math.floor(ageMin / 60)} h`;
    const ageZh = ageMin < 120 ? `${Math.floor(ageMin)} 分钟` : `${Math.floor(ageMin / 60)} 小时`;
    throw new PurchasingError(
      'FOOD_SAFETY_REFUSED',
      {
        en: `probe ${equipmentId}: its latest ${metric} reading is ${age} old, more than the ${maxAgeMin} min allowed: probe the delivery again or enter its temperature`,
        'zh-CN': `探头 ${equipmentId}：最新 ${metric} 读数已有 ${ageZh}，超过允许的 ${maxAgeMin} 分钟：请重新测温或手工输入到货温度`,
      },
      path,
    );
  }
  return { equipmentId, metric, tempC: latest.value, at: latest.ts };
}

/**
 * Fills each line's `deliveryTempC` from its probe before any other check, so the chilled
 * limit, the refusal and the food-safety record treat a probed value exactly as an entered one.
 */
export function resolveProbes(
  config: StoreConfig,
  readings: LatestReadings,
  body: GoodsReceiptRequest,
  now: number,
): ProbedReceipt {
  const probes = new Map<number, ProbeReading>();
  const lines = body.lines.map((l, i) => {
    if (l.probe === undefined) return l;
    const reading = probeReading(config, readings, l.probe, now, ['lines', i, 'probe']);
    probes.set(l.line, reading);
    return { ...l, deliveryTempC: reading.tempC };
  });
  return { body: { ...body, lines }, probes };
}
