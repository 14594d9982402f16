import { EDGE_SUBTREES } from '../../../shared/topics';
import { idOfSubtreeTopic, SubtreePush, subtreeFilter } from '../live/subtree-push';

/**
 * The subtree the edge announces availability on, retained per item:
 * `galley/{storeId}/_edge/menu/{item}` (edge/domains/availability/availability-service.ts).
 */
export const MENU_SUBTREE = EDGE_SUBTREES.menu;

export interface MenuPushOptions {
  url: string;
  storeId: string;
  /** the paired display's credential is the MQTT password; read at every (re)connect */
  token: () => string;
  /** an item's availability changed */
  onItemChanged: (item: string) => void;
  onConnectedChange: (connected: boolean) => void;
}

/** What the menu screens subscribe to: every item's availability, nothing else. */
export function menuPushFilter(storeId: string): string {
  return subtreeFilter(storeId, MENU_SUBTREE);
}

/**
 * The item a pushed message is about, or undefined for any other topic. The screen
 * refetches the whole list (it is small and says why in full), so the topic is enough.
 */
export function itemOfTopic(storeId: string, topic: string): string | undefined {
  return idOfSubtreeTopic(storeId, MENU_SUBTREE, topic);
}

/**
 * The menu screens' own push: the menu subtree only. On connect the broker replays every
 * item's retained state; the debounce in MenuLive turns that burst into one fetch.
 */
export class MenuPush extends SubtreePush {
  constructor(options: MenuPushOptions) {
    super({ ...options, subtree: MENU_SUBTREE, onChanged: options.onItemChanged });
  }
}
