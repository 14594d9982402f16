import type { Client } from 'aedes';

/**
 * Live connections per identity, so one device (or a stolen device secret) cannot
 * take every connection slot of the store. A CONNECT with a client id the identity
 * already uses replaces that connection (MQTT-3.1.4-2), so it does not count against
 * the cap.
 */
export class IdentityConnections {
  readonly #byIdentity = new Map<string, Set<Client>>();

  /** Admits `client` for `identity` unless that would exceed `cap`; the slot is freed when its socket closes. */
  tryAdmit(identity: string, client: Client, cap: number): boolean {
    const live = this.#byIdentity.get(identity) ?? new Set<Client>();
    let others = 0;
    for (const c of live) if (c.id !== client.id) others += 1;
    if (others >= cap) return false;
    live.add(client);
    this.#byIdentity.set(identity, live);
    const conn = client.conn as { once?: (event: 'close', fn: () => void) => void };
    conn.once?.('close', () => this.#release(identity, client));
    return true;
  }

  count(identity: string): number {
    return this.#byIdentity.get(identity)?.size ?? 0;
  }

  #release(identity: string, client: Client): void {
    const live = this.#byIdentity.get(identity);
    if (!live) return;
    live.delete(client);
    if (live.size === 0) this.#byIdentity.delete(identity);
  }
}
