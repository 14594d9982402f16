import type { Aedes, Client } from 'aedes';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { CredentialCheck } from '../store/credentials-store';
import type { BrokerStats } from './broker-stats';
import type { ClientIdentity } from './client-identity';
import type { IngestGate } from './ingest-gate';

/** The part of DeviceCredentials the broker uses. */
export interface CredentialChecker {
  check(equipmentId: string, secret: string): CredentialCheck;
}

/**
 * Where orders a POS terminal publishes on `galley/{storeId}/_pos/orders/{client}` go:
 * stored before this returns (the PUBACK follows), or refused with why. Throws when the
 * order could not be stored, so the connection closes unacknowledged and the POS resends.
 */
export type PosOrdersGate = (client: string, payload: Buffer) => { ok: true } | { ok: false; detail: string };

/** What every hook shares: configuration, collaborators, and per-connection state keyed by the aedes Client. */
export interface BrokerContext {
  config: StoreConfig;
  credentials: CredentialChecker;
  gate: IngestGate;
  clock: Clock;
  log: Logger;
  stats: BrokerStats;
  verifyDisplayToken: (token: string) => boolean;
  identities: WeakMap<Client, ClientIdentity>;
  /** set by preConnect for CONNECTs that authenticate must refuse with "identifier rejected" */
  rejectedIdentifiers: WeakSet<Client>;
  /** clients whose Last Will went out, so their disconnect is not recorded twice */
  willsPublished: WeakSet<Client>;
  broker: () => Aedes | undefined;
  posOrders?: PosOrdersGate | undefined;
}
