import type { Client, ConnectPacket } from 'aedes';
import type { BrokerContext } from '../broker-context';

/**
 * The spec allows client ids of up to 65 535 bytes; as policy the edge accepts 256,
 * which is more than any device or integration uses and bounds what every session,
 * log line and presence record keeps per connection.
 */
export const MAX_CLIENT_ID_BYTES = 256;

/**
 * A client id beyond MAX_CLIENT_ID_BYTES is refused with CONNACK 0x02 (identifier rejected).
 *
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
    const clientId = packet.clientId ?? '';
    if (clientId === '' && packet.clean === false) ctx.rejectedIdentifiers.add(client);
    if (Buffer.byteLength(clientId, 'utf8') > MAX_CLIENT_ID_BYTES) ctx.rejectedIdentifiers.add(client);
    callback(null, true);
  };
}
