import type { PublishPacket } from 'aedes';
import { StatusMessage } from '../../shared/device-messages';
import { topics } from '../../shared/topics';
import type { ClientIdentity } from './client-identity';
import { mayPublish } from './topic-access';

/**
 * Why a Last Will may not be registered, or undefined when it may. The broker
 * publishes a Will on the client's behalf after an abrupt disconnect, past the
 * checks a live publish passes, so it is checked at CONNECT, where a refusal is
 * still possible: a device's Will may only say it went offline, on its own status
 * topic; an integration's Will must be a publish its ACL allows; the display
 * publishes nothing.
 */
export function willRefusal(
  identity: ClientIdentity,
  will: PublishPacket,
  storeId: string,
): string | undefined {
  if (identity.kind === 'device') {
    const statusTopic = topics.status(storeId, identity.equipmentId);
    if (will.topic !== statusTopic) return `a device's Last Will goes on ${statusTopic}, not ${will.topic}`;
    const status = parseStatus(will.payload);
    // A Will reports a lost link; one claiming a planned stop would hide every real loss.
    if (status?.online !== false || status.reason !== undefined)
      return 'a Last Will on the status topic must be {"online": false}';
    return undefined;
  }
  if (!mayPublish(identity, will.topic, storeId)) {
    return `Last Will on ${will.topic} is outside what ${identity.name} may publish`;
  }
  return undefined;
}

function parseStatus(payload: PublishPacket['payload']): StatusMessage | undefined {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  try {
    const parsed = StatusMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: the caller refuses it like any other invalid status.
    return undefined;
  }
}
