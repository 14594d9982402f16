import type { AlarmsQuery, AlarmView } from '../../../../shared/api/alarms';
import type { CommissioningChecklist } from '../../../../shared/api/commissioning';
import type { SignedHandover } from '../../../../shared/api/commissioning-handover';
import type { AssetRegister } from '../../../../shared/config/asset';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { LocalizedText } from '../../../../shared/localized-text';
import type { SyncHealth } from '../../../../shared/sync/sync-protocol';
import { resolveControlPoints } from '../../food-safety/control-points';
import type { HandoverStore } from './handover-store';

export interface FirstReading {
  metric: string;
  value: number;
  ts: number;
  min: number | null;
  max: number | null;
  /** null when the metric has no range in the config */
  inRange: boolean | null;
}

export interface InstalledUnit {
  id: string;
  type: string;
  name: LocalizedText;
  station: string;
  location: string | null;
  protocol: string;
  serialNumber: string | null;
  asset: AssetRegister | null;
  firstReadings: FirstReading[];
}

/** A cold unit from its first reading down to its food-safety limit. */
export interface Pulldown {
  equipmentId: string;
  metric: string;
  limitC: number;
  start: { ts: number; value: number } | null;
  reached: { ts: number; value: number } | null;
  minutes: number | null;
}

/** A unit's test alarm, raised at the box and known at central. */
export interface TestAlarmTrip {
  equipmentId: string;
  alarmId: number | null;
  raisedAt: number | null;
  seenAt: number | null;
  roundTripS: number | null;
}

export interface HandoverReport {
  store: { id: string; name: LocalizedText; timeZone: string };
  generatedAt: number;
  checklist: CommissioningChecklist;
  equipment: InstalledUnit[];
  pulldowns: Pulldown[];
  testAlarms: TestAlarmTrip[];
  signature: SignedHandover | undefined;
}

/** The live parts the handover reads, as the edge app already has them. */
export interface HandoverSources {
  config(): StoreConfig;
  now(): number;
  checklist(): CommissioningChecklist;
  alarms: { list(query: AlarmsQuery): AlarmView[] };
  sync(): SyncHealth | undefined;
  store: HandoverStore;
}

/**
 * Notes, for each unit not yet noted, its oldest test alarm central has seen, with the
 * same rule the checklist uses (a push succeeded after the alarm, nothing older waits in
 * the ordered outbox). The time noted is the last successful push the box knows of, so the
 * round trip is exact to one push when the checklist or the report is read while the
 * store is commissioned, and an upper bound otherwise.
 */
export function noteTestAlarmsSeen(s: HandoverSources): void {
  const health = s.sync();
  if (health?.enabled !== true || health.lastSuccessAt === null) return;
  const now = s.now();
  const oldestWaiting = health.lagMs === null ? undefined : now - health.lagMs;
  const seen = s.store.alarmsSeen();
  for (const equipment of s.config().equipment) {
    if (seen.has(equipment.id)) continue;
    const raised = s.alarms.list({ state: 'all', equipmentId: equipment.id, limit: 50 });
    const atCentral = raised
      .filter((a) => health.lastSuccessAt !== null && health.lastSuccessAt >= a.raisedAt)
      .filter((a) => oldestWaiting === undefined || oldestWaiting > a.raisedAt)
      .sort((a, b) => a.raisedAt - b.raisedAt)[0];
    if (atCentral)
      s.store.noteAlarmSeen(equipment.id, atCentral.id, atCentral.raisedAt, health.lastSuccessAt);
  }
}

/** Everything the handover report prints, read once so PDF and CSV say the same. */
export function gatherHandoverReport(s: HandoverSources): HandoverReport {
  noteTestAlarmsSeen(s);
  const config = s.config();
  const checklist = s.checklist();
  const seen = s.store.alarmsSeen();
  const equipment = config.equipment.map((e): InstalledUnit => {
    const metrics = config.equipmentTypes[e.type]?.metrics ?? {};
    return {
      id: e.id,
      type: e.type,
      name: e.name,
      station: e.station,
      location: e.location ?? null,
      protocol: e.protocol,
      serialNumber: e.serialNumber ?? null,
      asset: e.asset ?? null,
      firstReadings: s.store.firstReadings(e.id).map((r): FirstReading => {
        const range = metrics[r.metric];
        const min = range?.min ?? null;
        const max = range?.max ?? null;
        const inRange =
          min === null && max === null
            ? null
            : (min === null || r.value >= min) && (max === null || r.value <= max);
        return { ...r, min, max, inRange };
      }),
    };
  });
  const pulldowns = resolveControlPoints(config)
    .filter((cp) => cp.limit.bound === 'at_most')
    .map((cp): Pulldown => {
      const start = equipment
        .find((u) => u.id === cp.equipmentId)
        ?.firstReadings.find((r) => r.metric === cp.metric);
      const reached = s.store.firstAtOrBelow(cp.equipmentId, cp.metric, cp.limit.tempC) ?? null;
      return {
        equipmentId: cp.equipmentId,
        metric: cp.metric,
        limitC: cp.limit.tempC,
        start: start ? { ts: start.ts, value: start.value } : null,
        reached,
        minutes: start && reached ? Math.round((reached.ts - start.ts) / 6_000) / 10 : null,
      };
    });
  const testAlarms = config.equipment.map((e): TestAlarmTrip => {
    const trip = seen.get(e.id);
    if (trip)
      return {
        equipmentId: e.id,
        alarmId: trip.alarmId,
        raisedAt: trip.raisedAt,
        seenAt: trip.seenAt,
        roundTripS: Math.round((trip.seenAt - trip.raisedAt) / 100) / 10,
      };
    const raised = s.alarms
      .list({ state: 'all', equipmentId: e.id, limit: 50 })
      .sort((a, b) => a.raisedAt - b.raisedAt)[0];
    return {
      equipmentId: e.id,
      alarmId: raised?.id ?? null,
      raisedAt: raised?.raisedAt ?? null,
      seenAt: null,
      roundTripS: null,
    };
  });
  return {
    store: {
      id: config.store.id,
      name: config.store.localizedName ?? { en: config.store.name, 'zh-CN': config.store.name },
      timeZone: config.store.timezone,
    },
    generatedAt: s.now(),
    checklist,
    equipment,
    pulldowns,
    testAlarms,
    signature: s.store.signature(),
  };
}
