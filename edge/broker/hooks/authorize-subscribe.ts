import type { Client, Subscription } from 'aedes';
import type { BrokerContext } from '../broker-context';
import { maySubscribe } from '../topic-access';
import { ClaimReplies } from './claim-replies';

/**
 * A denied filter is answered with 0x80 in the SUBACK (MQTT-3.9.3): aedes grants
 * 128 for a filter whose callback yields no subscription, and still grants the
 * other filters of the same SUBSCRIBE. An error here would close the connection.
 */
export function createAuthorizeSubscribe(ctx: BrokerContext) {
  const claimReplies = new ClaimReplies(ctx);
  return (
    client: Client,
    subscription: Subscription,
    callback: (error: Error | null, subscription?: Subscription | null) => void,
  ) => {
    const identity = ctx.identities.get(client);
    if (identity && maySubscribe(identity, subscription.topic, ctx.config.store.id)) {
      callback(null, subscription);
      // A claimant's reply may go out before the SUBACK (MQTT 3.1.1 §3.8.4 permits it).
      if (identity.kind === 'claim') ctx.claims?.attach(identity.serial, claimReplies.senderFor(client));
      return;
    }
    ctx.log.info(
      { clientId: client.id, username: identity?.name, filter: subscription.topic },
      'subscription refused: filter not allowed for this client',
    );
    callback(null, null);
  };
}
