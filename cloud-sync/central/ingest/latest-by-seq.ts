/** A projection row as built from the event of `seq`, the store's outbox sequence. */
export interface Versioned<T> {
  storeId: string;
  seq: number;
  value: T;
}

/** Within a group of batches only the latest event of each row is written. */
export function keepLatest<T>(rows: Map<string, Versioned<T>>, key: string, next: Versioned<T>): void {
  const held = rows.get(key);
  if (!held || held.seq < next.seq) rows.set(key, next);
}
