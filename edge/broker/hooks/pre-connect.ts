import type { Client, ConnectPacket } from 'aedes';
import type { BrokerContext } from '../broker-context';

/**
 * MQTT-3.1.3-8: a zero-length client id with CleanSession=0 must be answered with
 * CONNACK 0x02 and the connection closed. aedes 1.2 accepts it (and invents an id),
 * and an error from preConnect closes the socket without any CONNACK, so the
 * connection is only marked here and refused with the right code in authenticate.
 */
export function createPreConnect(ctx: BrokerContext) {
  return (
    client: Client,
    packet: ConnectPacket,
    callback: (error: Error | null, success: boolean) => void,
  ) => {
    if ((packet.clientId ?? '') === '' && packet.clean === false) ctx.rejectedIdentifiers.add(client);
    callback(null, true);
  };
}
