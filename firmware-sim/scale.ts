import type { Equipment } from '../shared/config/equipment';
import type { StoreConfig } from '../shared/config/store-config';

/** Id of the n-th synthetic device of a scale run (1-based): `sim-00001`, … */
export function scaleDeviceId(n: number): string {
  return `sim-${String(n).padStart(5, '0')}`;
}

/**
 * A store config with `count` synthetic MQTT devices, their types taken in turn
 * from the config's own MQTT equipment, for load tests against one edge.
 */
export function scaleConfig(config: StoreConfig, count: number): StoreConfig {
  const templates = config.equipment.filter((e) => e.protocol === 'mqtt' && e.type !== 'energy_meter');
  if (templates.length === 0) throw new RangeError('the store config has no MQTT equipment to copy');
  const equipment: Equipment[] = [];
  for (let i = 1; i <= count; i++) {
    const template = templates[(i - 1) % templates.length] as Equipment;
    equipment.push({ ...template, id: scaleDeviceId(i), serial: undefined });
  }
  return { ...config, equipment };
}

/**
 * The edge's side of a scale run: the store's own equipment plus the same `count`
 * synthetic devices `scaleConfig` simulates, so every reference the config makes
 * to its equipment (maintenance plans, technicians, …) still resolves.
 */
export function scaleStoreConfig(config: StoreConfig, count: number): StoreConfig {
  return { ...config, equipment: [...config.equipment, ...scaleConfig(config, count).equipment] };
}

export interface ProgressSample {
  devices: number;
  connected: number;
  acked: number;
  errors: number;
  dropped: number;
}

/** Turns successive totals into the live progress line: connected, msg/s, errors. */
export class ProgressMeter {
  private last: { atMs: number; acked: number } | null = null;

  line(sample: ProgressSample, nowMs: number): string {
    const rate =
      this.last && nowMs > this.last.atMs
        ? ((sample.acked - this.last.acked) * 1000) / (nowMs - this.last.atMs)
        : 0;
    this.last = { atMs: nowMs, acked: sample.acked };
    return (
      `connected ${sample.connected}/${sample.devices} · ${Math.round(rate)} msg/s · ` +
      `acked ${sample.acked} · errors ${sample.errors} · dropped ${sample.dropped}`
    );
  }
}
