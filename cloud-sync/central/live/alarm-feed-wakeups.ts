/** Which wake-up a waiter has seen last: the wakes counter when it took it. */
export type WakeTicket = number;

/**
 * Where held long polls of the alarm feed wait for "alarm changes may have arrived".
 *
 * A waiter takes a ticket BEFORE it queries and, if its query found nothing, waits for a
 * wake-up after that ticket: a change committed between the query and the wait has already
 * moved the counter past the ticket, so it is never slept through.
 *
 * Coalescing: a wake calls every waiter registered since the last one and forgets them.
 * A burst of notifications (one per committed ingest group, often delivered together) finds
 * the waiters gone after the first, re-querying, so each waiter re-queries once per wake-up
 * it sees, not once per notification. Waiters unregister when they time out, so a quiet
 * feed does not collect callbacks.
 */
export class AlarmFeedWakeups {
  readonly #waiting = new Set<() => void>();
  #wakes = 0;
  #released = false;
  #held = 0;

  ticket(): WakeTicket {
    return this.#wakes;
  }

  /**
   * Calls `onWake` once at the first wake after `ticket` (at once if there was one already,
   * or once released). Returns how to unregister it.
   */
  afterTicket(ticket: WakeTicket, onWake: () => void): () => void {
    if (this.#released || this.#wakes !== ticket) {
      onWake();
      return () => {};
    }
    this.#waiting.add(onWake);
    return () => this.#waiting.delete(onWake);
  }

  /** Alarm changes may have been committed: every registered waiter looks again. */
  wake(): void {
    if (this.#released) return;
    this.#wakes++;
    this.#callAll();
  }

  /**
   * The process drains: every held poll answers now (empty page, 200) and new ones answer
   * at once, so a rolling restart does not wait out the longest poll.
   */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#callAll();
  }

  /** Runs one held long poll, counted in `held` while it runs. */
  async hold<T>(poll: () => Promise<T>): Promise<T> {
    this.#held++;
    try {
      return await poll();
    } finally {
      this.#held--;
    }
  }

  get released(): boolean {
    return this.#released;
  }

  /** long polls held now */
  get held(): number {
    return this.#held;
  }

  /** wake-ups so far (after each committed alarm group, or a LISTEN reconnect) */
  get wakes(): number {
    return this.#wakes;
  }

  #callAll(): void {
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const onWake of waiting) onWake();
  }
}
