import type { Client, Subscription } from 'aedes';
import type { BrokerContext } from '../broker-context';
import { maySubscribe } from '../topic-access';

/**
 * A denied filter is answered with 0x80 in the SUBACK (MQTT-3.9.3): aedes grants
 * 128 for a filter whose callback yields no subscription, and still grants the
 * other filters of the same SUBSCRIBE. An error here would close the connection.
 */
export function createAuthorizeSubscribe(ctx: BrokerContext) {
  return (
    client: Client,
    subscription: Subscription,
    callback: (error: Error | null, subscription?: Subscription | null) => void,
  ) => {
    const identity = ctx.identities.get(client);
    if (identity && maySubscribe(identity, subscription.topic, ctx.config.store.id)) {
      callback(null, subscription);
      return;
    }
    ctx.log.info(
      { clientId: client.id, username: identity?.name, filter: subscription.topic },
      'subscription refused: filter not allowed for this client',
    );
    callback(null, null);
  };
}
