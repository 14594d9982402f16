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
  /** an integration client revoked on the box (a closed store), though the config still lists it */
  integrationRevoked?(username: string): boolean;
  /** whether a device's credential is still good; a connected device whose is not is cut off */
  deviceActive?(equipmentId: string): boolean;
}

/**
 * Where orders a POS terminal publishes on `galley/{storeId}/_pos/orders/{client}` go:
 * stored before this returns (the PUBACK follows), or refused with why. Throws when the
 * order could not be stored, so the connection closes unacknowledged and the POS resends.
 */
export type PosOrdersGate = (client: string, payload: Buffer) => { ok: true } | { ok: false; detail: string };

/** Why a claiming device's CONNECT is refused (edge/domains/commissioning/claim). */
export type ClaimRefusal =
  | 'claim_throttled'
  | 'claim_key_malformed'
  | 'claim_key_unknown'
  | 'claim_key_other_store'
  | 'claim_key_expired'
  | 'claim_key_revoked'
  | 'claim_refused';

/** The connection of a claimant that subscribed to its reply topic. */
export interface ClaimSender {
  /** false once the connection has closed */
  alive(): boolean;
  /**
   * Writes one QoS 1 message to this connection alone; true once the device acknowledged it
   * (PUBACK), false when the connection ended or the acknowledgement did not come in time.
   */
  send(topic: string, payload: Buffer): Promise<boolean>;
}

/**
 * Device claim at commissioning: a CONNECT with username `claim:<serial>` and the store's
 * claim key is admitted (or refused with why); once it subscribes to its reply topic it is
 * attached, and its credentials are written to it when they are (or become) available.
 */
export interface DeviceClaimGate {
  admit(attempt: {
    username: string;
    claimKey: string;
    remoteAddress: string | undefined;
  }): { ok: true; serial: string } | { ok: false; reason: ClaimRefusal; detail: string };
  attach(serial: string, send: ClaimSender): void;
}

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
  /** device claim at commissioning; without it a `claim:` username is an unknown user */
  claims?: DeviceClaimGate | undefined;
}
