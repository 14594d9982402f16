import type { RejectionReason } from '../../shared/rejection-reasons';
import type { ClaimRefusal } from './broker-context';
import type { AdmissionRefusal } from './connection-admission';
import type { WireViolation } from './mqtt-wire-rules';

/** Why a connection was closed before its CONNECT was accepted, without any CONNACK. */
export type PendingClosure = AdmissionRefusal | 'connect_timeout';

/** Why a CONNECT was answered with a refusal. */
export type RefusalReason =
  | 'identifier_rejected'
  | 'server_unavailable'
  | 'unknown_user'
  | 'bad_secret'
  | 'not_provisioned'
  | 'revoked'
  | 'bad_token'
  | 'login_throttled'
  | 'too_many_connections'
  | 'will_not_allowed'
  | ClaimRefusal;

export interface BrokerStatsSnapshot {
  connectedClients: number;
  refusedConnections: Partial<Record<RefusalReason, number>>;
  /** PUBLISH packets received from clients (wills not included) */
  messagesIn: number;
  /** publishes the broker dropped itself, by reason (invalid payloads are counted by ingest) */
  messagesDropped: Partial<Record<RejectionReason, number>>;
  /** connections that have not completed CONNECT yet */
  pendingConnections: number;
  /** connections closed before completing CONNECT, by reason */
  pendingClosed: Partial<Record<PendingClosure, number>>;
  /** connections closed for breaking an MQTT 3.1.1 wire rule, by rule */
  protocolViolations: Partial<Record<WireViolation, number>>;
  /** messages waiting to be routed to subscribers, and being routed now */
  relay: { queued: number; inFlight: number };
}

export class BrokerStats {
  connectedClients = 0;
  messagesIn = 0;
  pendingConnections = 0;
  readonly #refused: Partial<Record<RefusalReason, number>> = {};
  readonly #dropped: Partial<Record<RejectionReason, number>> = {};
  readonly #pendingClosed: Partial<Record<PendingClosure, number>> = {};
  readonly #violations: Partial<Record<WireViolation, number>> = {};

  refused(reason: RefusalReason): void {
    this.#refused[reason] = (this.#refused[reason] ?? 0) + 1;
  }

  dropped(reason: RejectionReason): void {
    this.#dropped[reason] = (this.#dropped[reason] ?? 0) + 1;
  }

  pendingClosed(reason: PendingClosure): void {
    this.#pendingClosed[reason] = (this.#pendingClosed[reason] ?? 0) + 1;
  }

  protocolViolation(rule: WireViolation): void {
    this.#violations[rule] = (this.#violations[rule] ?? 0) + 1;
  }

  snapshot(): Omit<BrokerStatsSnapshot, 'relay'> {
    return {
      connectedClients: this.connectedClients,
      refusedConnections: { ...this.#refused },
      messagesIn: this.messagesIn,
      messagesDropped: { ...this.#dropped },
      pendingConnections: this.pendingConnections,
      pendingClosed: { ...this.#pendingClosed },
      protocolViolations: { ...this.#violations },
    };
  }
}
