import type { Client } from 'aedes';
import type { BrokerContext } from './broker-context';

/**
 * Online/offline from the connection itself. A device may hold more than one
 * connection (a reconnect racing the old socket's timeout), so it goes offline
 * only when its last connection ends, and not twice when its Last Will said so.
 */
export class DevicePresence {
  readonly #connections = new Map<string, number>();

  constructor(private readonly ctx: BrokerContext) {}

  connected(client: Client): void {
    const identity = this.ctx.identities.get(client);
    if (identity?.kind !== 'device') return;
    const count = (this.#connections.get(identity.equipmentId) ?? 0) + 1;
    this.#connections.set(identity.equipmentId, count);
    recordStatus(this.ctx, identity.equipmentId, true, 'connect');
  }

  disconnected(client: Client): void {
    const identity = this.ctx.identities.get(client);
    if (identity?.kind !== 'device') return;
    const count = (this.#connections.get(identity.equipmentId) ?? 1) - 1;
    if (count > 0) {
      this.#connections.set(identity.equipmentId, count);
      return;
    }
    this.#connections.delete(identity.equipmentId);
    if (this.ctx.willsPublished.has(client)) return;
    // The edge itself is stopping and closes every connection: the device did not go anywhere.
    if (brokerStopping(this.ctx)) return;
    recordStatus(this.ctx, identity.equipmentId, false, 'disconnect');
  }
}

/**
 * `EdgeBroker.stop()` lets go of aedes before closing it, so while aedes closes the
 * connections (and publishes their Wills) the context no longer names a broker.
 */
export function brokerStopping(ctx: BrokerContext): boolean {
  return ctx.broker() === undefined;
}

/** Status writes are fire-and-forget for the broker: a failure is logged, never thrown into aedes. */
export function recordStatus(
  ctx: BrokerContext,
  equipmentId: string,
  online: boolean,
  cause: 'last_will' | 'connect' | 'disconnect',
): void {
  Promise.resolve()
    .then(() => ctx.gate.recordDeviceStatus(equipmentId, online, cause))
    .catch((err: unknown) => {
      ctx.log.error({ err, equipmentId, online, cause }, 'recording device status failed');
    });
}
