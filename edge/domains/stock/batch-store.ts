import type { Database } from '../../store/database';

export interface BatchRow {
  id: number;
  sub_recipe: string;
  batches: number | null;
  qty_milli: number;
  made_at: number;
  made_by: string;
  business_date: string;
  expires_at: number | null;
  note: string | null;
}

export type NewBatch = Omit<BatchRow, 'id'>;

/** The batches made, over prepared statements; callers hold the transaction. */
export class BatchStore {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      insert: db.prepare<[NewBatch]>(
        `INSERT INTO stock_batches (sub_recipe, batches, qty_milli, made_at, made_by, business_date, expires_at, note)
         VALUES (@sub_recipe, @batches, @qty_milli, @made_at, @made_by, @business_date, @expires_at, @note)`,
      ),
      get: db.prepare<[number], BatchRow>('SELECT * FROM stock_batches WHERE id = ?'),
      latest: db.prepare<[], BatchRow>(
        'SELECT * FROM stock_batches WHERE id IN (SELECT max(id) FROM stock_batches GROUP BY sub_recipe)',
      ),
    };
  }

  insert(batch: NewBatch): number {
    return Number(this.#s.insert.run(batch).lastInsertRowid);
  }

  get(id: number): BatchRow | undefined {
    return this.#s.get.get(id);
  }

  /** The last batch made of each sub-recipe. */
  latest(): Map<string, BatchRow> {
    return new Map(this.#s.latest.all().map((r) => [r.sub_recipe, r]));
  }
}
