import { ASSET_OUTLOOK_EVENT, AssetOutlook } from '../../../shared/predictive/asset-outlook';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';

/**
 * Unchanged in substance, an outlook is resent at most once an hour: ThingsBoard Trendz
 * advises storing anomaly scores no more often than hourly, and central ranks assets, it
 * does not chart them by the minute.
 */
export const OUTLOOK_MIN_INTERVAL_MS = 3_600_000;

/** Forecast bands: a move between them is news, an hour more or less within one is not. */
const BAND_EDGES_H = [24, 72, 168];

export function forecastBand(hours: number | null): number {
  if (hours === null) return -1;
  const band = BAND_EDGES_H.findIndex((edge) => hours < edge);
  return band === -1 ? BAND_EDGES_H.length : band;
}

/** A change central should hear of at once: recommendation, state, cause or forecast band. */
export function materiallyChanged(before: AssetOutlook | undefined, now: AssetOutlook): boolean {
  if (!before) return true;
  return (
    before.state !== now.state ||
    before.cause !== now.cause ||
    (before.prescriptive?.recommendation ?? null) !== (now.prescriptive?.recommendation ?? null) ||
    forecastBand(before.forecastHours) !== forecastBand(now.forecastHours) ||
    before.missing.join() !== now.missing.join()
  );
}

/** Anything else central shows (risk, money, figures) differs. */
function anyChange(before: AssetOutlook, now: AssetOutlook): boolean {
  const { at: _a, ...b } = before;
  const { at: _n, ...n } = now;
  return JSON.stringify(b) !== JSON.stringify(n);
}

/**
 * Sends `predictive.asset_outlook` through the outbox when an asset's outlook changed
 * materially, and other changes at most hourly; nothing when nothing changed. The last
 * one sent per asset is kept (migration 032) so a restart neither resends nor forgets it.
 * Call inside a transaction with whatever caused the change, or on its own.
 */
export class AssetOutlookPublisher {
  readonly #outbox: OutboxWriter;
  readonly #upsert;
  readonly #sent = new Map<string, { outlook: AssetOutlook; at: number }>();
  readonly stats = { sent: 0, held: 0, damaged: 0 };

  constructor(db: Database, storeId: string) {
    this.#outbox = new OutboxWriter(db, storeId);
    this.#upsert = db.prepare(
      `INSERT INTO predictive_outlooks (equipment_id, outlook_json, sent_at) VALUES (?, ?, ?)
       ON CONFLICT (equipment_id) DO UPDATE SET outlook_json = excluded.outlook_json, sent_at = excluded.sent_at`,
    );
    const rows = db
      .prepare<[], { equipment_id: string; outlook_json: string; sent_at: number }>(
        'SELECT * FROM predictive_outlooks',
      )
      .all();
    for (const row of rows) {
      const parsed = AssetOutlook.safeParse(safeJson(row.outlook_json));
      if (parsed.success) this.#sent.set(row.equipment_id, { outlook: parsed.data, at: row.sent_at });
      else this.stats.damaged++; // a damaged row: the next outlook is sent as new
    }
  }

  lastSent(equipmentId: string): AssetOutlook | undefined {
    return this.#sent.get(equipmentId)?.outlook;
  }

  /** True when it went into the outbox. */
  offer(outlook: AssetOutlook): boolean {
    const last = this.#sent.get(outlook.equipmentId);
    const due =
      materiallyChanged(last?.outlook, outlook) ||
      (last !== undefined &&
        outlook.at - last.at >= OUTLOOK_MIN_INTERVAL_MS &&
        anyChange(last.outlook, outlook));
    if (!due) {
      this.stats.held++;
      return false;
    }
    this.#outbox.append({
      type: ASSET_OUTLOOK_EVENT,
      entityId: outlook.equipmentId,
      ts: outlook.at,
      payload: outlook,
    });
    this.#upsert.run(outlook.equipmentId, JSON.stringify(outlook), outlook.at);
    this.#sent.set(outlook.equipmentId, { outlook, at: outlook.at });
    this.stats.sent++;
    return true;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
