import type { TelemetryRow } from '../../../shared/predictive/telemetry-row';
import type { Database } from '../../store/database';
import { HOUR_MS } from './hourly-features';

/** Rows read per query: six hours of a walk-in reporting four metrics every 10 s is ~8 600. */
const PAGE_MS = 6 * HOUR_MS;

/** Lets the event loop run between pages: MQTT acks and HTTP answers do not wait for a replay. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The telemetry the edge keeps (`series_readings` with `series`), read back in time order
 * for one piece of equipment, a few hours per query, yielding to the event loop between
 * queries. SQLite's 0/1 booleans are passed on as they are (the monitor reads both).
 */
export class StoredTelemetry {
  readonly #page;

  constructor(db: Database) {
    this.#page = db.prepare<[{ id: string; from: number; to: number }], TelemetryRow>(
      `SELECT r.ts AS ts, s.metric AS metric, r.value AS value
         FROM series s JOIN series_readings r ON r.series_id = s.id
        WHERE s.equipment_id = @id AND r.ts > @from AND r.ts <= @to
        ORDER BY r.ts`,
    );
  }

  /** Feeds the rows in (from, to] to `onRows`, page by page; resolves with the rows fed. */
  async replay(
    equipmentId: string,
    range: { from: number; to: number },
    onRows: (rows: TelemetryRow[]) => void,
    stopped: () => boolean = () => false,
  ): Promise<number> {
    let fed = 0;
    for (let from = range.from; from < range.to; from += PAGE_MS) {
      if (stopped()) break;
      const rows = this.#page.all({ id: equipmentId, from, to: Math.min(range.to, from + PAGE_MS) });
      if (rows.length) onRows(rows);
      fed += rows.length;
      await yieldToEventLoop();
    }
    return fed;
  }
}
