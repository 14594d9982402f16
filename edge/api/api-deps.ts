/**
 * What the HTTP API needs from the rest of the edge, as narrow structural types so
 * the API depends on behaviour, not on particular classes (the stores satisfy them).
 */
import type { EquipmentState, LatestReading, ReadingPoint } from '../../shared/api/equipment';
import type { StoreConfig } from '../../shared/config/store-config';
import type { DeviceStatusCause } from '../../shared/device-messages';
import type { RejectionCount } from '../../shared/rejection-reasons';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { SessionsStore } from '../store/sessions-store';
import type { DisplayVerifier } from './display-identity';
import type { EdgeRoute } from './edge-route';
import type { IntegrationCallers } from './integration-caller';
import type { PinGate } from './pin-gate';
import type { RefusalAudit } from './refusal-audit';

/**
 * Readings as the store returns them; values of boolean metrics may come back as
 * 0/1 from a store built without the config, so the API normalises them again.
 */
export interface ReadingsSource {
  latest(equipmentId: string): Record<string, LatestReading>;
  /** equipmentId → metric → reading */
  latestAll(): Record<string, Record<string, LatestReading>>;
  /** Raw points with `from <= ts < to`, oldest first; `limit` lets a source stop early. */
  raw(equipmentId: string, metric: string, from: number, to: number, limit?: number): ReadingPoint[];
  /** One point per `stepMs` bucket, carrying min, max, avg and count. */
  rolledUp(equipmentId: string, metric: string, from: number, to: number, stepMs: number): ReadingPoint[];
}

export interface DeviceStatusRecord {
  equipmentId: string;
  online: boolean;
  changedAt: number;
  lastSeen: number | null;
  /** what made the last change; `shutdown` while offline means switched off on purpose */
  cause?: DeviceStatusCause | null;
}

export interface DeviceStatusSource {
  get(equipmentId: string): DeviceStatusRecord | undefined;
}

export interface RejectionsSource {
  list(): RejectionCount[];
}

/** Named checks; the edge is healthy when all are true. */
export type HealthChecks = Record<string, boolean>;

export interface ApiDeps {
  config: StoreConfig;
  sessions: Pick<SessionsStore, 'create' | 'verify' | 'revoke'>;
  readings: ReadingsSource;
  deviceStatus: DeviceStatusSource;
  rejections: RejectionsSource;
  metrics: MetricsRegistry;
  clock: Clock;
  logger: Logger;
  health(): HealthChecks;
  /** The built kitchen display; served with an index.html fallback when the folder exists. */
  displayDir?: string;
  /** Raises an equipment's state above `ok` (the alarm engine's view); undefined means no opinion. */
  stateOf?: (equipmentId: string) => Extract<EquipmentState, 'warning' | 'critical'> | undefined;
  /**
   * The one PIN check, shared with every route that takes a PIN (sign-offs) so their
   * failures count with the logins'; absent, the login route keeps a gate of its own.
   */
  pinGate?: PinGate;
  /**
   * Paired kitchen displays: a request carrying a display credential (header
   * `x-galley-display`, or as its bearer token) is known as that display.
   */
  displays?: DisplayVerifier;
  /** Integration clients that call with HTTP Basic credentials (a POS posting orders). */
  integrations?: IntegrationCallers;
  /** Where refused actions are written down (edge/store/access-audit-store.ts). */
  audit?: RefusalAudit;
  /** More resources (alarms, tickets, …) declared with `defineRoute`. */
  routes?: readonly EdgeRoute[];
  /** Reported by /healthz and openapi.json; defaults to package.json's. */
  version?: string;
}
