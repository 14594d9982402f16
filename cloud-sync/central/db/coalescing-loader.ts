import { inPieces } from './rows-per-statement';

/**
 * Look-ups by key asked for in the same turn of the event loop are answered by one
 * query: when 1 000 edges connect at once, 1 000 single-row selects become a few
 * `… WHERE key IN (…)`, which on PostgreSQL means a few round trips instead of 1 000.
 */
export class CoalescingLoader<K, V> {
  #pending = new Map<K, { resolve: (value: V | undefined) => void; reject: (err: unknown) => void }[]>();

  constructor(private readonly fetch: (keys: K[]) => Promise<Map<K, V>>) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) setImmediate(() => void this.#flush());
      const waiting = this.#pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.#pending.set(key, [{ resolve, reject }]);
    });
  }

  async #flush(): Promise<void> {
    const pending = this.#pending;
    this.#pending = new Map();
    await inPieces([...pending.keys()], async (keys) => {
      try {
        const found = await this.fetch(keys);
        for (const key of keys) for (const waiter of pending.get(key) ?? []) waiter.resolve(found.get(key));
      } catch (err) {
        for (const key of keys) for (const waiter of pending.get(key) ?? []) waiter.reject(err);
      }
    });
  }
}
