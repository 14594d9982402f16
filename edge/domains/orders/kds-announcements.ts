import type { KdsChangeMessage } from '../../../shared/api/kds';
import { topics } from '../../../shared/topics';
import type { KitchenChange } from './kitchen-tickets';

export type KdsPublishFn = (topic: string, payload: string, options: { retain: boolean; qos: 0 | 1 }) => void;

/**
 * Tells the station screens, after the change committed, which of their tickets changed:
 * one message per station on `galley/{storeId}/_edge/kds/{station}`, not retained (a
 * screen that connects fetches the station whole), QoS 1. The message is a hint to
 * refetch, so a lost one costs only the screen's next poll.
 */
export class KdsAnnouncements {
  readonly stats = { published: 0 };

  constructor(
    private readonly storeId: string,
    private readonly publish: KdsPublishFn | undefined,
  ) {}

  send(change: KitchenChange, at: number): void {
    if (!this.publish) return;
    const kind: KdsChangeMessage['change'] = change.opened
      ? 'opened'
      : change.bumped
        ? 'bumped'
        : change.recalled
          ? 'recalled'
          : 'updated';
    for (const [station, ids] of change.byStation) {
      const message: KdsChangeMessage = { station, ticketIds: [...ids], change: kind, ts: at };
      this.publish(topics.edgeKds(this.storeId, station), JSON.stringify(message), { retain: false, qos: 1 });
      this.stats.published += 1;
    }
  }
}
