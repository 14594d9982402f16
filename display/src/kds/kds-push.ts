import { EDGE_SUBTREES } from '../../../shared/topics';
import { idOfSubtreeTopic, SubtreePush, subtreeFilter } from '../live/subtree-push';

export interface KdsPushOptions {
  url: string;
  storeId: string;
  /** the paired display's credential is the MQTT password; read at every (re)connect */
  token: () => string;
  /** a station's tickets changed (`galley/{storeId}/_edge/kds/{station}`) */
  onStationChanged: (station: string) => void;
  onConnectedChange: (connected: boolean) => void;
}

/** The filter the order screens subscribe to: every station's change notice, nothing else. */
export function kdsPushFilter(storeId: string): string {
  return subtreeFilter(storeId, EDGE_SUBTREES.kds);
}

/** The station a pushed change notice (`KdsChangeMessage`) is about, or undefined for any other topic. */
export function stationOfTopic(storeId: string, topic: string): string | undefined {
  return idOfSubtreeTopic(storeId, EDGE_SUBTREES.kds, topic);
}

/** The order screens' own push: the kds subtree only. */
export class KdsPush extends SubtreePush {
  constructor(options: KdsPushOptions) {
    super({ ...options, subtree: EDGE_SUBTREES.kds, onChanged: options.onStationChanged });
  }
}
