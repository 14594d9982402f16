import type { Client, PublishPacket, PubrelPacket } from 'aedes';
import type { BrokerContext, ClaimSender } from '../broker-context';

/** How long a claimant has to acknowledge its credentials before they are taken back. */
export const CLAIM_ACK_TIMEOUT_MS = 30_000;

type Settle = (acknowledged: boolean) => void;

/**
 * Writes a claimant's credentials straight to its connection (aedes Client#publish), past
 * routing, so no other subscriber, whatever its filter, can receive them; and reports
 * whether the device acknowledged them (PUBACK), so credentials written to a connection that
 * was already going away are not taken as delivered.
 */
export class ClaimReplies {
  readonly #ctx: BrokerContext;
  /**
   * Awaited PUBACKs by connection. A claimant may subscribe to its reply topic alone, so any
   * PUBACK it sends is for its reply; aedes reports a clean session's PUBACK without the
   * packet (nothing was persisted), so the connection is the key, not the topic.
   */
  readonly #awaiting = new Map<Client, Settle>();
  #listening = false;

  constructor(ctx: BrokerContext) {
    this.#ctx = ctx;
  }

  senderFor(client: Client): ClaimSender {
    return {
      alive: () => !isClosed(client),
      send: (topic, payload) => this.#send(client, topic, payload),
    };
  }

  #send(client: Client, topic: string, payload: Buffer): Promise<boolean> {
    const broker = this.#ctx.broker();
    if (!broker || isClosed(client)) return Promise.resolve(false);
    if (!this.#listening) {
      this.#listening = true;
      broker.on('ack', (packet, acker) => this.#acked(packet, acker));
    }
    return new Promise<boolean>((resolve) => {
      const clock = this.#ctx.clock;
      const settle: Settle = (acknowledged) => {
        if (this.#awaiting.get(client) !== settle) return;
        this.#awaiting.delete(client);
        clock.clearTimeout(timer);
        client.conn.off('close', onClose);
        resolve(acknowledged);
      };
      const onClose = () => settle(false);
      const timer = clock.setTimeout(() => settle(false), CLAIM_ACK_TIMEOUT_MS);
      this.#awaiting.get(client)?.(false);
      this.#awaiting.set(client, settle);
      client.conn.once('close', onClose);
      client.publish({ cmd: 'publish', topic, payload, qos: 1, retain: false, dup: false }, (err) => {
        if (!err) return;
        this.#ctx.log.warn({ clientId: client.id, topic, err }, 'claim reply not written');
        settle(false);
      });
    });
  }

  #acked(_packet: PublishPacket | PubrelPacket | undefined, client: Client): void {
    const settle = this.#awaiting.get(client);
    if (!settle) return;
    settle(true);
    // The claim connection has done its job. The box closes it, not the device: a device
    // closing right after its PUBACK could have it dropped unread with the connection.
    client.close();
  }
}

function isClosed(client: Client): boolean {
  return (client as Client & { closed?: boolean }).closed === true || client.conn.destroyed;
}
