/**
 * Keeps the edge's own publishes (`EdgeBroker.publish`) in the order they were made, as
 * every subscriber receives them.
 *
 * aedes numbers each message when it is published and, per subscriber, forwards only a
 * message numbered above the last one it forwarded (lib/client.js `dedupe`, there so that
 * a message matched by two overlapping subscriptions is sent once). A retained message
 * first stores its copy and a QoS 1 message first looks for offline sessions to queue it
 * for: a few promise steps in the persistence before it reaches the router. A message
 * published on the same turn without those steps (QoS 0, not retained) overtakes it, and
 * the earlier message is then dropped for everyone subscribed to both: a display would
 * never see the alarm raised by a reading announced just after it.
 *
 * So after a publish that goes through the persistence, the next ones wait for the next
 * turn of the event loop. The broker's persistence is aedes' in-memory one, whose steps
 * are promise callbacks: all of them have run by then.
 */
export class PublishOrder {
  /** a publish through the persistence went out on this turn */
  #holding = false;
  readonly #waiting: { send: () => void; viaPersistence: boolean }[] = [];

  /** Sends now, or once every publish made before it has reached the router. */
  submit(send: () => void, viaPersistence: boolean): void {
    if (this.#holding) {
      this.#waiting.push({ send, viaPersistence });
      return;
    }
    send();
    if (viaPersistence) this.#hold();
  }

  #hold(): void {
    this.#holding = true;
    setImmediate(this.#release);
  }

  readonly #release = (): void => {
    this.#holding = false;
    while (!this.#holding) {
      const next = this.#waiting.shift();
      if (!next) return;
      next.send();
      if (next.viaPersistence) this.#hold();
    }
  };
}

/** Whether aedes takes this publish through its persistence before routing it. */
export function publishesViaPersistence(packet: { qos: number; retain: boolean }): boolean {
  return packet.retain || packet.qos > 0;
}
