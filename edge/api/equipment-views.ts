import type { EquipmentState, EquipmentView, LatestReading } from '../../shared/api/equipment';
import type { Equipment } from '../../shared/config/equipment';
import type { EquipmentTypeProfile } from '../../shared/config/equipment-profile';
import type { ApiDeps } from './api-deps';

/** Past this many report intervals without a message, equipment counts as offline. */
export const SILENCE_INTERVALS = 3;

type ViewDeps = Pick<ApiDeps, 'config' | 'readings' | 'deviceStatus' | 'clock' | 'stateOf'>;

/** Builds what the board shows for each piece of equipment: configuration, live status, latest readings. */
export class EquipmentViews {
  readonly #byId: Map<string, Equipment>;

  constructor(private readonly deps: ViewDeps) {
    this.#byId = new Map(deps.config.equipment.map((e) => [e.id, e]));
  }

  find(equipmentId: string): Equipment | undefined {
    return this.#byId.get(equipmentId);
  }

  profileOf(equipment: Equipment): EquipmentTypeProfile {
    const profile = this.deps.config.equipmentTypes[equipment.type];
    // StoreConfig's cross-check guarantees every equipment's type exists.
    if (!profile) throw new Error(`equipment ${equipment.id} has unknown type ${equipment.type}`);
    return profile;
  }

  list(): EquipmentView[] {
    const latest = this.deps.readings.latestAll();
    return this.deps.config.equipment.map((e) => this.#view(e, latest[e.id] ?? {}));
  }

  one(equipmentId: string): EquipmentView | undefined {
    const equipment = this.#byId.get(equipmentId);
    return equipment && this.#view(equipment, this.deps.readings.latest(equipmentId));
  }

  #view(equipment: Equipment, latest: Record<string, LatestReading>): EquipmentView {
    const profile = this.profileOf(equipment);
    const status = this.deps.deviceStatus.get(equipment.id);
    const readings: Record<string, LatestReading> = {};
    let newestReading: number | null = null;
    for (const [metric, reading] of Object.entries(latest)) {
      readings[metric] = { value: asKind(reading.value, profile.metrics[metric]?.kind), ts: reading.ts };
      newestReading = Math.max(newestReading ?? reading.ts, reading.ts);
    }
    const lastSeen = status?.lastSeen ?? newestReading;
    const silenceLimitMs = SILENCE_INTERVALS * profile.reportIntervalS * 1000;
    const silent = lastSeen === null || this.deps.clock.now() - lastSeen > silenceLimitMs;
    // Serial equipment may have no status row; its readings alone show it is alive.
    const online = (status?.online ?? lastSeen !== null) && !silent;
    const units: Record<string, string> = {};
    for (const [metric, m] of Object.entries(profile.metrics)) if (m.unit) units[metric] = m.unit;
    const view: EquipmentView = {
      id: equipment.id,
      type: equipment.type,
      typeLabel: profile.label,
      name: equipment.name,
      station: equipment.station,
      protocol: equipment.protocol,
      units,
      online,
      lastSeen,
      state: this.#stateOf(equipment.id, status === undefined && lastSeen === null, online),
      readings,
    };
    // The cause of an offline row says whether it was switched off or lost; silence has none.
    if (!online && status && !status.online && status.cause) view.offlineCause = status.cause;
    if (equipment.location !== undefined) view.location = equipment.location;
    if (profile.keyMetric !== undefined) view.keyMetric = profile.keyMetric;
    return view;
  }

  #stateOf(equipmentId: string, neverSeen: boolean, online: boolean): EquipmentState {
    if (neverSeen) return 'unknown';
    if (!online) return 'offline';
    return this.deps.stateOf?.(equipmentId) ?? 'ok';
  }
}

/** Booleans are stored as 0/1; the type profile says which metrics are on/off. */
export function asKind(value: number | boolean, kind: 'number' | 'boolean' | undefined): number | boolean {
  return kind === 'boolean' && typeof value === 'number' ? value !== 0 : value;
}
