import type { Client } from 'aedes';
import type { BrokerContext } from './broker-context';

/** How often connected clients are checked against their credentials. */
export const REVOKED_SESSION_SWEEP_MS = 5_000;

/**
 * A credential is checked at CONNECT; one revoked later (a device taken out of service, a
 * store closing, run by the CLI beside the daemon) must not keep a session that is already
 * open. Closes every device and integration client whose credential is no longer good and
 * returns how many; each is logged. Displays and claiming devices are not affected.
 */
export function closeRevokedSessions(clients: Iterable<Client>, ctx: BrokerContext): number {
  let closed = 0;
  for (const client of clients) {
    const identity = ctx.identities.get(client);
    if (!identity) continue;
    const revoked =
      identity.kind === 'device'
        ? ctx.credentials.deviceActive?.(identity.equipmentId) === false
        : identity.kind === 'integration' && ctx.credentials.integrationRevoked?.(identity.name) === true;
    if (!revoked) continue;
    ctx.log.warn(
      { clientId: client.id, identity: identity.name, kind: identity.kind },
      'credential revoked: closing its open MQTT session',
    );
    client.close();
    closed++;
  }
  return closed;
}
