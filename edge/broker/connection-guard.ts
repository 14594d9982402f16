import type { Duplex } from 'node:stream';
import { type BrokerLimits, PUBLISH_HEADER_ROOM_BYTES } from '../../shared/config/limits';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { BrokerStats } from './broker-stats';
import { ConnectionAdmission } from './connection-admission';
import { GuardedConnection } from './guarded-connection';
import { MqttWireRules } from './mqtt-wire-rules';

export interface ConnectionGuardDeps {
  limits: BrokerLimits;
  clock: Clock;
  log: Logger;
  stats: BrokerStats;
}

/**
 * The broker's door: every new connection (TCP, TLS, WebSocket) is admitted against
 * the pending-CONNECT caps or closed at once, and an admitted one reaches aedes only
 * through a GuardedConnection, which enforces the wire rules and the CONNECT deadline.
 * Every closure is counted in the broker stats.
 */
export class ConnectionGuard {
  readonly #deps: ConnectionGuardDeps;
  readonly #admission: ConnectionAdmission;

  constructor(deps: ConnectionGuardDeps) {
    this.#deps = deps;
    this.#admission = new ConnectionAdmission(deps.limits);
  }

  /** The stream to hand to aedes, or null when the connection was refused (and destroyed). */
  accept(transport: Duplex, remoteAddress: string | undefined): GuardedConnection | null {
    const { limits, clock, log, stats } = this.#deps;
    const admission = this.#admission.admit(remoteAddress);
    if (!admission.ok) {
      stats.pendingClosed(admission.reason);
      log.debug({ remote: remoteAddress, reason: admission.reason }, 'connection refused before CONNECT');
      transport.destroy();
      return null;
    }
    stats.pendingConnections = this.#admission.pending;
    const rules = new MqttWireRules({
      maxUnauthenticatedBytes: limits.maxConnectPacketBytes,
      maxPacketBytes: limits.maxPayloadBytes + PUBLISH_HEADER_ROOM_BYTES,
    });
    return new GuardedConnection(transport, {
      rules,
      clock,
      deadlineMs: admission.deadlineMs,
      remoteAddress,
      events: {
        violated: (rule) => {
          stats.protocolViolation(rule);
          log.info({ remote: remoteAddress, rule }, 'connection closed: MQTT protocol violation');
        },
        timedOut: () => {
          stats.pendingClosed('connect_timeout');
          log.debug(
            { remote: remoteAddress, deadlineMs: admission.deadlineMs },
            'CONNECT did not come in time',
          );
        },
        settled: () => {
          admission.release();
          stats.pendingConnections = this.#admission.pending;
        },
      },
    });
  }

  /** aedes registered the client (its CONNECT was accepted); `conn` is what it was handed. */
  established(conn: unknown): void {
    if (conn instanceof GuardedConnection) conn.established();
  }
}
