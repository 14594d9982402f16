import type { TicketChangeMessage, TicketView } from '../../../shared/api/tickets';
import type { Logger } from '../../../shared/server/runtime/logger';
import { topics } from '../../../shared/topics';

/** The broker's publish for edge-owned topics; must not throw (the edge app logs a failed publish). */
export type TicketPublishFn = (
  topic: string,
  payload: string,
  options: { retain: boolean; qos: 0 | 1 },
) => void;

/**
 * Not retained: a ticket change is an event, not a state a late subscriber should be handed
 * (a retained message per ticket would also pile up forever). QoS 1: changes come a few an
 * hour, so the acknowledgement costs nothing, and an integration relaying ticket status
 * (a chat bridge) gets every change while connected, queued over a reconnect of its
 * persistent session. The payload is the ticket's state, so a redelivery is harmless. The
 * display subscribes at QoS 0 and also polls: a lost one shows at its next poll.
 */
export const TICKET_ANNOUNCEMENT = { retain: false, qos: 1 } as const;

/**
 * Announces ticket changes on `galley/{storeId}/_edge/tickets/{ticketId}` only once they
 * have committed. Changes are recorded inside their transaction and published after it:
 * `afterCommit` for an operation that runs its own transaction, `holdFor`/`release` for
 * one that writes inside another's (the ticket an alarm opens commits with the alarm, and
 * the alarm service tells its listeners once that has committed). One announcement per
 * ticket per commit, with the status it was left in. A publish that fails is counted and
 * logged here; it never reaches the ticket service.
 */
export class TicketAnnouncements {
  readonly #storeId: string;
  readonly #log: Logger;
  readonly #publish: TicketPublishFn | undefined;
  /** Changes recorded by the operation running now, by ticket id; null outside one. */
  #recording: Map<number, TicketChangeMessage> | null = null;
  /** Changes made inside another's transaction, until that transaction is known to have committed. */
  readonly #held = new WeakMap<object, TicketChangeMessage[]>();
  readonly stats = { published: 0, publishErrors: 0 };

  constructor(deps: { storeId: string; logger: Logger; publish?: TicketPublishFn | undefined }) {
    this.#storeId = deps.storeId;
    this.#log = deps.logger;
    this.#publish = deps.publish;
  }

  /** Call inside the change's transaction, with the ticket as the change left it. */
  record(ticket: TicketView, at: number): void {
    if (!this.#recording) {
      this.#log.error({ ticketId: ticket.id }, 'ticket change made outside an announcing operation');
      return;
    }
    this.#recording.set(ticket.id, {
      ticketId: ticket.id,
      equipmentId: ticket.equipmentId,
      status: ticket.status,
      at,
    });
  }

  /**
   * Runs `operation`, which commits its own transaction, then announces what it changed.
   * If it throws, its transaction rolled back and nothing is announced. Inside another
   * recording operation it is part of that one, announced with it.
   */
  afterCommit<T>(operation: () => T): T {
    const { result, changes } = this.#recordDuring(operation);
    this.#send(changes);
    return result;
  }

  /**
   * Runs `operation` inside a transaction of someone else's and keeps what it changed
   * until `release(key)`: the owner releases once its transaction has committed; a
   * transaction rolled back never releases, and the key (with the changes) is collected.
   */
  holdFor<T>(key: object, operation: () => T): T {
    const { result, changes } = this.#recordDuring(operation);
    if (changes.length) this.#held.set(key, changes);
    return result;
  }

  release(key: object): void {
    const changes = this.#held.get(key);
    if (!changes) return;
    this.#held.delete(key);
    this.#send(changes);
  }

  #recordDuring<T>(operation: () => T): { result: T; changes: TicketChangeMessage[] } {
    // Nested: the outer operation announces, once its own commit is done.
    if (this.#recording) return { result: operation(), changes: [] };
    const recording = new Map<number, TicketChangeMessage>();
    this.#recording = recording;
    try {
      const result = operation();
      return { result, changes: [...recording.values()] };
    } finally {
      this.#recording = null;
    }
  }

  #send(changes: TicketChangeMessage[]): void {
    const publish = this.#publish;
    if (!publish) return;
    for (const change of changes) {
      const topic = topics.edgeTicket(this.#storeId, change.ticketId);
      try {
        publish(topic, JSON.stringify(change), TICKET_ANNOUNCEMENT);
        this.stats.published++;
      } catch (err) {
        this.stats.publishErrors++;
        this.#log.error({ err, ticketId: change.ticketId, topic }, 'announcing the ticket change failed');
      }
    }
  }
}
